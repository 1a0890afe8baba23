import { describe, expect, it } from 'vitest'
import { queryOf } from './checks.js'

// Every query of up to five characters from this alphabet: the separators, the escapes and a
// leading `?` that URLSearchParams treats specially, and plain letters.
const ALPHABET = ['a', 'b', '=', '&', '?', '%', '+', '2', 'é']

function* queries(length: number, prefix = ''): Generator<string> {
  yield prefix
  if (length === 0) return
  for (const c of ALPHABET) yield* queries(length - 1, prefix + c)
}

describe('queryOf', () => {
  it('reads every key as URLSearchParams does', () => {
    // Compared by hand and reported together: an `expect` per pair made this test take 22 s.
    let checked = 0
    const differ: [string, string, string[], string[]][] = []
    for (const search of queries(5)) {
      const ours = queryOf(search)
      const theirs = new URLSearchParams(search)
      for (const key of ['a', 'b', 'ab', '', '?a', 'a b', '=']) {
        const a = ours.getAll(key)
        const b = theirs.getAll(key)
        if (a.length !== b.length || a.some((v, i) => v !== b[i])) differ.push([search, key, a, b])
      }
      checked++
    }
    expect(differ.slice(0, 5)).toEqual([])
    expect(checked).toBeGreaterThan(60_000)
  })

  it('reads a plain query without building a URLSearchParams', () => {
    const q = queryOf('name=ferry&tag=a&tag=&flag&=x')
    expect(q).not.toBeInstanceOf(URLSearchParams)
    expect([
      q.getAll('name'),
      q.getAll('tag'),
      q.getAll('flag'),
      q.getAll(''),
      q.getAll('x'),
    ]).toEqual([['ferry'], ['a', ''], [''], ['x'], []])
  })
})
