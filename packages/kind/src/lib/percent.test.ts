import { describe, expect, it } from 'vitest'
import { KindEncodeError } from './errors.js'
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

  it.each([[['a', '..']], [['..', 'a']], [['a', '.', 'b']], [['.']]])(
    'refuses %j: the URL parser would resolve its dot segment to another path',
    (segs) => {
      expect(() => joinPath(segs)).toThrow(KindEncodeError)
    },
  )

  it('refuses a path that starts with an empty segment (it would name a host)', () => {
    expect(() => joinPath(['', 'evil.example'])).toThrow(/names a host/)
  })
})
