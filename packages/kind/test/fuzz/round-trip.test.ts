// The URL kind's promise, fuzzed: for every value a kind accepts, decode(encode(v)) is v, encode
// output is canonical, and it survives the WHATWG URL parser unchanged (what a browser or fetch
// sends is what decode receives). Seeded and bounded, so a failure replays the same on every run.
import {
  bool,
  type Codec,
  date,
  decodeSegment,
  encodeSegment,
  int,
  joinPath,
  type Kind,
  KindEncodeError,
  kind,
  list,
  num,
  oneOf,
  optional,
  splitPath,
  str,
  toBare,
  uuid,
} from '@ferry/kind'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const SEED = 20_261_121
const runs = (numRuns: number) => ({ seed: SEED, numRuns })
const BASE = 'http://h'

// Each piece stresses one rule: URL syntax (`/ ? #`), percent-encoding (`%`, `%2F`, `%2f`,
// `%2525`, `%zz`), form encoding (`+ & =`), dot segments, C0 controls and DEL (which the URL
// parser strips or escapes), characters outside `pchar`, non-NFC and astral text, lone surrogates.
const PIECES = [
  ...['/', '?', '#', '%', '+', '&', '=', ';', ' ', '.', '..', ',', '!', '*', '(', ')', '$'],
  ...['\0', '\x01', '\t', '\n', '\r', '\x1f', '\x7f', '\\', '~', '@', ':', "'", '"'],
  ...['<', '>', '`', '{', '}', '^', '|', '[', ']', '%2F', '%2f', '%25', '%2525', '%zz', '%e9'],
  ...['é', 'e\u0301', 'ﬁ', '\u00a0', '\u200b', '😀', '\uFFFD', '\uD800', '\uDC00', '\uDBFF\uDFFF'],
  ...['a', 'Z', '0', '9', '-', '_'],
]
const anyString = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((a) => a.join(''))
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const isWellFormed = (s: string) => !LONE.test(s)
const wellFormed = anyString.filter(isWellFormed)
const isDot = (s: string) => s === '.' || s === '..'
// A value a path capture can hold (see docs/decisions/002: no '', '.' or '..').
const captureString = wellFormed.filter((s) => s !== '' && !isDot(s))
const restSegment = wellFormed.filter((s) => !isDot(s))

// RFC 3986 `pchar` as encodeSegment writes it: literal unreserved, sub-delims, ':' and '@', or an
// upper-case escape.
const CANONICAL_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})*$/

/** The raw path a careless client could send for a canonical one: some escapes spelled otherwise. */
function sloppy(path: string, lower: boolean[]): string {
  let i = 0
  return path.replace(/%([0-9A-F]{2})/g, (esc, hex: string) => {
    const pick = lower[i++ % lower.length] ?? false
    if (!pick) return esc
    const code = Number.parseInt(hex, 16)
    // Characters the URL parser escapes or keeps by itself may go raw (URL Standard §4.4, path
    // state); '/', '?', '#', '%', '\\', C0 controls and space would change the URL's structure.
    return '"<>`{}^|[]'.includes(String.fromCharCode(code))
      ? String.fromCharCode(code)
      : esc.toLowerCase()
  })
}

describe('segments: encodeSegment / decodeSegment', () => {
  it('encode every well-formed string canonically and decode it back; refuse lone surrogates', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        if (!isWellFormed(s)) {
          expect(() => encodeSegment(s)).toThrow(KindEncodeError)
          return
        }
        const e = encodeSegment(s)
        expect(e).toMatch(CANONICAL_SEGMENT)
        expect(decodeSegment(e)).toBe(s)
        expect(encodeSegment(decodeSegment(e)!)).toBe(e)
        // Lower-case hex is the same value (RFC 3986 §2.1), and encodes back to upper case.
        expect(decodeSegment(e.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()))).toBe(s)
        if (!isDot(s)) {
          // The URL parser leaves a canonical segment alone wherever it sits in a path.
          expect(new URL(`/x/${e}/y`, BASE).pathname).toBe(`/x/${e}/y`)
        }
      }),
      runs(1000),
    )
  })
})

describe('paths: joinPath / splitPath against the WHATWG URL parser', () => {
  const paths = fc
    .array(restSegment, { minLength: 1, maxLength: 5 })
    .filter((segs) => segs.length === 1 || segs[0] !== '')

  it('hrefs survive new URL() and split back into the same segments, however escapes are spelled', () => {
    fc.assert(
      fc.property(paths, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (segs, lower) => {
        const href = joinPath(segs)
        const parsed = new URL(href, BASE)
        expect(parsed.pathname + parsed.search + parsed.hash).toBe(href)
        expect(splitPath(parsed.pathname)).toEqual(segs)
        expect(toBare('GET', `${BASE}${href}`)?.path).toEqual(segs)
        // A non-canonical spelling of the same path normalises to the same segments and href.
        const other = new URL(`${BASE}${sloppy(href, lower)}`).pathname
        expect(splitPath(other)).toEqual(segs)
        expect(joinPath(splitPath(other)!)).toBe(href)
      }),
      runs(600),
    )
  })

  it('refuse a path that starts with an empty segment (it would name a host)', () => {
    fc.assert(
      fc.property(fc.array(restSegment, { minLength: 1, maxLength: 3 }), (segs) => {
        expect(() => joinPath(['', ...segs])).toThrow(KindEncodeError)
      }),
      runs(200),
    )
  })
})

const SAFE_MAX = Number.MAX_SAFE_INTEGER
const EDGE_NUMBERS = [
  ...[0, -0, 1, -1, SAFE_MAX, -SAFE_MAX, SAFE_MAX + 1, -SAFE_MAX - 1, 2 ** 53 + 2, 1e21, 1e-7],
  ...[1.5, -0.1, 5e-324, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, -Infinity],
]
const numbers = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.maxSafeInteger(), fc.double())
// Strings shaped like numbers, canonical or not: each that decodes must be canonical.
const numberish = fc
  .array(
    fc.constantFrom('0', '1', '7', '9', '-', '+', '.', 'e', 'E', ' ', 'x', 'Infinity', 'NaN'),
    {
      maxLength: 20,
    },
  )
  .map((a) => a.join(''))

describe('codecs at the edges of their domains', () => {
  it('int: safe integers round-trip (-0 reads back as 0); everything else is a KindEncodeError', () => {
    fc.assert(
      fc.property(numbers, (n) => {
        if (Number.isSafeInteger(n)) expect(int.decode(int.encode(n))).toBe(n === 0 ? 0 : n)
        else expect(() => int.encode(n)).toThrow(KindEncodeError)
      }),
      runs(500),
    )
  })

  it('num: finite numbers round-trip (-0 reads back as 0); NaN and infinities are refused', () => {
    fc.assert(
      fc.property(numbers, (n) => {
        if (Number.isFinite(n)) expect(num.decode(num.encode(n))).toBe(n === 0 ? 0 : n)
        else expect(() => num.encode(n)).toThrow(KindEncodeError)
      }),
      runs(500),
    )
  })

  it.each([
    ['int', int],
    ['num', num],
  ] as const)('%s: every string that decodes is the canonical form of its value', (_n, c) => {
    fc.assert(
      fc.property(numberish, (s) => {
        const v = c.decode(s)
        if (v !== undefined) expect(c.encode(v)).toBe(s)
      }),
      runs(500),
    )
  })

  it('date: every day of years 0000 to 9999 round-trips; other instants are refused', () => {
    const DAY = 86_400_000
    const first = Date.parse('0000-01-01T00:00:00Z')
    const last = Date.UTC(9999, 11, 31)
    const days = fc.integer({ min: first / DAY - 3, max: last / DAY + 3 })
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: DAY - 1 }), (d, ms) => {
        const day = new Date(d * DAY)
        if (d * DAY < first || d * DAY > last) {
          expect(() => date.encode(day)).toThrow(KindEncodeError)
          return
        }
        const s = date.encode(day)
        expect(s).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(date.decode(s)?.getTime()).toBe(day.getTime())
        if (ms > 0) expect(() => date.encode(new Date(d * DAY + ms))).toThrow(KindEncodeError)
      }),
      runs(500),
    )
    expect(() => date.encode(new Date(Number.NaN))).toThrow(KindEncodeError)
  })

  it('bool, uuid and oneOf accept only their canonical spellings', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (u, b) => {
        expect(uuid.decode(uuid.encode(u))).toBe(u)
        expect(uuid.decode(u.toUpperCase())).toBe(/[a-f]/.test(u) ? undefined : u)
        expect(bool.decode(bool.encode(b))).toBe(b)
        expect(bool.decode(String(b).toUpperCase())).toBeUndefined()
      }),
      runs(300),
    )
    const o = oneOf('a/b', 'c d', '%', 'é')
    for (const v of ['a/b', 'c d', '%', 'é'] as const) expect(o.decode(o.encode(v))).toBe(v)
  })
})

// Random pattern kinds: statics with problem characters, typed captures, a rest or a trailing
// slash, and query keys of every shape; href must survive the URL parser and decode to the value.
interface Capture {
  readonly codec: Codec<any>
  readonly values: fc.Arbitrary<unknown>
}
const days = fc.integer({ min: -719_528, max: 2_932_896 }).map((d) => new Date(d * 86_400_000))
const CAPTURES: Capture[] = [
  { codec: str, values: captureString },
  { codec: int, values: fc.oneof(fc.maxSafeInteger(), fc.constantFrom(SAFE_MAX, -SAFE_MAX)) },
  { codec: num, values: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n || 0) },
  { codec: bool, values: fc.boolean() },
  { codec: date, values: days },
  { codec: uuid, values: fc.uuid() },
  { codec: oneOf('x y', 'a/b', '..x'), values: fc.constantFrom('x y', 'a/b', '..x') },
]
const STATICS = ['posts', 'café', '100%', 'a b', '.well-known', 'x+y', '~u', "it's", 'ü-ö']
const QUERIES = [
  { make: () => str, values: anyString },
  { make: () => optional(int), values: fc.option(fc.maxSafeInteger(), { nil: undefined }) },
  { make: () => optional(int, 1), values: fc.integer({ min: -3, max: 3 }) },
  { make: () => optional(date), values: fc.option(days, { nil: undefined }) },
  { make: () => list(str), values: fc.array(anyString, { maxLength: 3 }) },
  {
    make: () => list(num),
    values: fc.array(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n || 0),
      { maxLength: 3 },
    ),
  },
]

const shapes = fc.record({
  segments: fc.array(
    fc.oneof(
      fc.constantFrom(...STATICS).map((value) => ({ value })),
      fc.integer({ min: 0, max: CAPTURES.length - 1 }).map((capture) => ({ capture })),
    ),
    { maxLength: 4 },
  ),
  tail: fc.constantFrom('none', 'rest', 'slash'),
  query: fc.array(fc.integer({ min: 0, max: QUERIES.length - 1 }), { maxLength: 3 }),
})

type Shape = typeof shapes extends fc.Arbitrary<infer S> ? S : never

function build(shape: Shape): { k: Kind; values: fc.Arbitrary<Record<string, unknown>> } {
  const spec: Record<string, unknown> & { query: Record<string, unknown> } = { query: {} }
  const fields: Record<string, fc.Arbitrary<unknown>> = {}
  const parts = shape.segments.map((s, i) => {
    if ('value' in s) return s.value
    const c = CAPTURES[s.capture]!
    spec[`p${i}`] = c.codec
    fields[`p${i}`] = c.values
    return `:p${i}`
  })
  if (shape.tail === 'rest') {
    parts.push('*tail')
    const segs = fc.array(restSegment, { maxLength: 4 })
    // At the root, [''] has no URL of its own and a leading '' would name a host (decision 002).
    fields.tail = parts.length === 1 ? segs.filter((a) => a[0] !== '') : segs
  } else if (shape.tail === 'slash') {
    parts.push('')
  }
  shape.query.forEach((q, i) => {
    spec.query[`q${i}`] = QUERIES[q]!.make()
    fields[`q${i}`] = QUERIES[q]!.values
  })
  const k = kind(`GET /${parts.join('/')}` as string, spec as never) as Kind
  // Absent optional keys are left out of the value, as decode leaves them out.
  const values = fc
    .record(fields)
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))
  return { k, values }
}

const hasLoneSurrogate = (v: Record<string, unknown>) =>
  Object.entries(v).some(
    ([key, x]) =>
      key.startsWith('q') &&
      (typeof x === 'string'
        ? !isWellFormed(x)
        : Array.isArray(x) && x.some((y) => typeof y === 'string' && !isWellFormed(y))),
  )

describe('pattern kinds: href and decode agree', () => {
  it('decode(href(v)) is v, href survives the URL parser, and href(decode(href(v))) is href(v)', () => {
    const cases = shapes.chain((shape) => {
      return fc.tuple(fc.constant(shape), build(shape).values)
    })
    fc.assert(
      fc.property(cases, ([shape, v]) => {
        // Built again from the shape, so a counterexample prints as data rather than functions.
        const { k } = build(shape)
        if (hasLoneSurrogate(v)) {
          // No URL carries a lone surrogate: URLSearchParams would turn it into U+FFFD.
          expect(() => k.href(v)).toThrow(KindEncodeError)
          return
        }
        const href = k.href(v)
        const parsed = new URL(href, BASE)
        expect(parsed.pathname + parsed.search).toBe(href)
        expect(parsed.hash).toBe('')
        const d = k.decode(toBare('GET', parsed)!)
        expect(d).toEqual({ outcome: 'match', value: v })
        if (d.outcome === 'match') expect(k.href(d.value)).toBe(href)
      }),
      runs(800),
    )
  })
})

describe('pattern kinds: non-canonical and hostile requests', () => {
  const P = kind('GET /p/:s/:n', { n: int, query: { q: str, o: optional(int), l: list(str) } })
  const F = kind('GET /f/*path')
  const decode = (k: Kind, url: string) => {
    const b = toBare('GET', `${BASE}${url}`)
    return b && k.decode(b)
  }

  it.each([
    ['"+" is a space in the query, itself in the path', '/p/a+b/1?q=a+b', { s: 'a+b', q: 'a b' }],
    ['%2B is "+" in both', '/p/a%2Bb/1?q=a%2Bb', { s: 'a+b', q: 'a+b' }],
    ['%2F stays inside its segment', '/p/a%2Fb/1?q=', { s: 'a/b', q: '' }],
    ['%2f is %2F', '/p/a%2fb/1?q=', { s: 'a/b', q: '' }],
    ['%2525 decodes once', '/p/%2525/1?q=%2525', { s: '%25', q: '%25' }],
    ['%00 is a NUL character', '/p/%00/1?q=%00', { s: '\0', q: '\0' }],
    ['a list keeps its order and empty values', '/p/x/1?q=&l=b&l=&l=a', { l: ['b', '', 'a'] }],
    ['a list of one empty value', '/p/x/1?q=&l', { l: [''] }],
    ['an absent list is empty', '/p/x/1?q=', { l: [] }],
    ['unknown keys are ignored', '/p/x/1?q=&zz=1', { s: 'x', n: 1 }],
  ])('match: %s', (_name, url, expected) => {
    expect(decode(P, url)).toMatchObject({ outcome: 'match', value: expected })
  })

  it.each([
    ['a non-canonical int capture', '/p/x/007?q='],
    ['"+7"', '/p/x/+7?q='],
    ['"-0"', '/p/x/-0?q='],
    ['an int past the safe range', '/p/x/9007199254740992?q='],
    ['a trailing slash the pattern does not have', '/p/x/1/?q='],
    ['an empty capture', '/p//1?q='],
    ['a dot capture spelled %2e (the parser removes it)', '/p/%2e/1?q='],
  ])('not mine: %s', (_name, url) => {
    expect(decode(P, url)).toEqual({ outcome: 'none' })
  })

  it.each([
    ['a missing required key', '/p/x/1', 'q'],
    ['a repeated required key', '/p/x/1?q=a&q=b', 'q'],
    ['a repeated optional key', '/p/x/1?q=&o=1&o=2', 'o'],
    ['a non-canonical optional value', '/p/x/1?q=&o=01', 'o'],
    ['an empty optional value', '/p/x/1?q=&o=', 'o'],
  ])('reject with a 400 problem naming the key: %s', async (_name, url, key) => {
    const d = decode(P, url)
    expect(d?.outcome).toBe('reject')
    if (d?.outcome !== 'reject') return
    expect(d.response.status).toBe(400)
    expect(d.response.headers.get('content-type')).toBe('application/problem+json')
    expect(await d.response.json()).toMatchObject({ status: 400, key })
  })

  it('keeps embedded slashes, empty segments and a trailing slash apart in a rest capture', () => {
    expect(decode(F, '/f/a%2Fb/c')).toEqual({ outcome: 'match', value: { path: ['a/b', 'c'] } })
    expect(decode(F, '/f/a/b/c')).toEqual({ outcome: 'match', value: { path: ['a', 'b', 'c'] } })
    expect(decode(F, '/f/a//c/')).toEqual({ outcome: 'match', value: { path: ['a', '', 'c', ''] } })
    expect(F.href({ path: ['a/b', '', 'c', ''] })).toBe('/f/a%2Fb//c/')
    // Dot segments are resolved by the URL parser before any kind sees them.
    expect(decode(F, '/f/a/../b')).toEqual({ outcome: 'match', value: { path: ['b'] } })
  })

  it('answers undefined, not a throw, for a malformed escape', () => {
    for (const url of ['/p/%zz/1', '/p/%C3/1', '/p/%ED%A0%80/1', '/p/%C0%AF/1']) {
      expect(toBare('GET', `${BASE}${url}`)).toBeUndefined()
    }
  })
})
