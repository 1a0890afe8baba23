import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sameByChar, sameBySlice } from './walk-raw.js'

// The matcher compares static edges with one of these, by engine (V8 or JSC): tests run on Node,
// so both are checked here against `startsWith`, over keys that share all but their first char
// (the non-ASCII first chars that `byChar` puts in one slot) and surrogate pairs.
describe('the static edge compares', () => {
  const chars = fc.constantFrom('a', 'b', '/', '%', '2', 'é', 'ñ', '\u{1F600}', '\x7f')
  const text = fc.array(chars, { maxLength: 6 }).map((cs) => cs.join(''))

  it.each([
    ['sameBySlice', sameBySlice],
    ['sameByChar', sameByChar],
  ])('%s agrees with startsWith wherever the key fits', (_name, same) => {
    fc.assert(
      fc.property(text, text, fc.nat(8), (path, key, at) => {
        const s = Math.min(at, Math.max(0, path.length - key.length))
        fc.pre(s + key.length <= path.length)
        expect(same(path, key, s)).toBe(path.startsWith(key, s))
      }),
      { numRuns: 5000 },
    )
    expect(same('/éa', 'ña', 1)).toBe(false)
    expect(same('/ña/x', 'ña', 1)).toBe(true)
  })
})
