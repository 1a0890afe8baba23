import { describe, expect, it } from 'vitest'
import { joinPath, splitPath } from './percent.js'

describe('joinPath', () => {
  it.each([
    [['posts', 'a b'], '/posts/a%20b'],
    [['files', 'a/b', ''], '/files/a%2Fb/'],
    [[''], '/'],
    [['...', '.x', '..y'], '/.../.x/..y'],
  ])('joins %j as %s, a path the URL parser leaves alone', (segs, path) => {
    expect(joinPath(segs)).toBe(path)
    expect(new URL(path, 'http://h').pathname).toBe(path)
    expect(splitPath(path)).toEqual(segs)
  })

  it('writes dot segments as they are: the router joins raw request paths with it', () => {
    // A server that does not normalise its request targets (Node's) hands the router such paths;
    // joinPath must answer for them rather than throw (hrefs refuse them: see toHref).
    expect(joinPath(['x', '.', '..'])).toBe('/x/./..')
  })

  it('refuses a path that starts with an empty segment (it would name a host)', () => {
    expect(() => joinPath(['', 'evil.example'])).toThrow(/names a host/)
  })
})
