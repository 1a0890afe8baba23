import { describe, expect, it } from 'vitest'
import { KindEncodeError } from './errors.js'
import { toHref } from './href.js'

describe('toHref', () => {
  it('is the canonical path, with the query after "?" when it has keys', () => {
    expect(toHref(['a b', 'c/d'], new URLSearchParams())).toBe('/a%20b/c%2Fd')
    expect(toHref([''], new URLSearchParams({ q: 'x y' }))).toBe('/?q=x+y')
  })

  it.each([[['a', '..']], [['..', 'a']], [['a', '.', 'b']], [['.']]])(
    'refuses %j: the URL parser would resolve its dot segment to another path',
    (segs) => {
      expect(() => toHref(segs, new URLSearchParams())).toThrow(KindEncodeError)
    },
  )

  it('refuses a path that starts with an empty segment (it would name a host)', () => {
    expect(() => toHref(['', 'evil.example'], new URLSearchParams())).toThrow(/names a host/)
  })
})
