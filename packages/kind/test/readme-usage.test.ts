// The README's usage examples, compiled under the repository's strict settings
// (noUncheckedIndexedAccess included) and run.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  defineKind,
  int,
  KindEncodeError,
  kind,
  match,
  oneOf,
  optional,
  refine,
  reject,
  toBare,
} from '../src/index.js'

const Post = kind('GET /posts/:id', { id: int, query: { rev: optional(int) } })
const Tag = kind('GET /tags/:tag', {
  query: { page: optional(int, 1), sort: optional(oneOf('new', 'top')) },
})
const Files = kind('GET /files/*path')

const Month = defineKind<{ y: number; m: number }>({
  name: 'month',
  methods: ['GET'],
  encode: ({ y, m }) => ({ path: [String(y), String(m)] }),
  decode: (b) => {
    // Digits without a leading zero only, so each month has one URL (`/2026/03` is not mine).
    if (b.path.length !== 2 || !b.path.every((s) => /^[1-9]\d*$/.test(s))) return undefined
    const [y, m] = b.path.map(Number) as [number, number]
    return m > 12 ? reject('no such month') : match({ y, m })
  },
})

const Page = kind('GET /pages/:n', { n: refine(int, v.pipe(v.number(), v.minValue(1))) })

const decode = (path: string) => Month.decode(toBare('GET', path)!)

describe('README usage', () => {
  it('writes the hrefs it shows', () => {
    expect(Post.href({ id: 7, rev: 2 })).toBe('/posts/7?rev=2')
    expect(Tag.href({ tag: 'c++ & rust', page: 1 })).toBe('/tags/c++%20&%20rust')
    expect(Files.href({ path: ['a/b', 'c d'] })).toBe('/files/a%2Fb/c%20d')
  })

  it('has a custom kind with the three outcomes, canonical as a codec must be', () => {
    expect(decode('/2026/3')).toEqual({ outcome: 'match', value: { y: 2026, m: 3 } })
    expect(Month.href({ y: 2026, m: 3 })).toBe('/2026/3')
    expect(decode('/2026/13')).toMatchObject({ outcome: 'reject' })
    // `/2026/03` would decode to the value whose href is `/2026/3`: two URLs for one month.
    expect(decode('/2026/03')).toEqual({ outcome: 'none' })
    expect(decode('/2026/0')).toEqual({ outcome: 'none' })
    expect(decode('/2026')).toEqual({ outcome: 'none' })
  })

  it('refines a codec with a schema as shown', () => {
    const bare = { method: 'GET', path: ['pages', '0'], query: new URLSearchParams() }
    expect(Page.decode(bare)).toEqual({ outcome: 'none' })
    expect(() => Page.href({ n: 0 })).toThrow(KindEncodeError)
    expect(() => Page.href({ n: 0 })).toThrow(/^refined int cannot encode 0: /)
    expect(Page.href({ n: 2 })).toBe('/pages/2')
  })
})
