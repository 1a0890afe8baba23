import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { contextOf, failureOf, join, postOf, streamOf, utf8 } from '../../test/helpers.js'
import { json, parseJson } from './json.js'

/**
 * Parses `body` with `spec` as an in-process request (counted) or, `framed`, as a real server
 * hands it over: with its exact Content-Length (unless `headers` sets one) and the framed flag.
 */
const runWith =
  (framed: boolean) =>
  <T>(
    spec: { parse(r: Request, c: any): Promise<T> },
    body: string | Uint8Array,
    type = 'application/json',
    headers: Record<string, string> = {},
  ) => {
    const bytes = typeof body === 'string' ? utf8(body) : body
    const length: Record<string, string> = framed
      ? { 'content-length': String(bytes.byteLength) }
      : {}
    const request = postOf(streamOf([bytes]), type, { ...length, ...headers })
    return spec.parse(request, contextOf(request, undefined, framed))
  }

describe.each([
  ['counted', false],
  ['framed', true],
])('json, %s', (_, framed) => {
  const run = runWith(framed)

  it('accepts application/json and every +json type', () => {
    expect(json().accepts).toEqual(['application/json', '*/*+json'])
  })

  it('parses a body, with or without a BOM', async () => {
    expect(await run(json(), '{"a":[1,2]}')).toEqual({ a: [1, 2] })
    expect(await run(json(), join([new Uint8Array([0xef, 0xbb, 0xbf]), utf8('{"a":1}')]))).toEqual({
      a: 1,
    })
  })

  it('validates with a schema and answers 422 with issues', async () => {
    const spec = json(v.object({ n: v.number() }))
    expect(await run(spec, '{"n":1}')).toEqual({ n: 1 })
    expect(await failureOf(run(spec, '{"n":"1"}'))).toMatchObject({
      status: 422,
      issues: [{ path: ['n'] }],
    })
  })

  it('answers 400 for an empty body, or hands undefined to the schema with allowEmpty', async () => {
    expect(await failureOf(run(json(), ''))).toMatchObject({ status: 400, defect: 'json' })
    expect(await failureOf(run(json(), ' \n'))).toMatchObject({ status: 400, defect: 'json' })
    const spec = json(v.optional(v.object({ page: v.number() }), { page: 1 }), { allowEmpty: true })
    expect(await run(spec, '')).toEqual({ page: 1 })
  })

  it.each([
    ['invalid JSON', '{"a":', 'json'],
    ['invalid UTF-8', new Uint8Array([0x22, 0xff, 0x22]), 'encoding'],
    ['a __proto__ key', '{"a":{"__proto__":{"polluted":true}}}', 'proto'],
    ['an escaped __proto__ key', '[{"\\u005f_proto__":{"x":1}}]', 'proto'],
    ['constructor.prototype', '{"constructor":{"prototype":{"x":1}}}', 'proto'],
  ])('answers 400 for %s', async (_, body, defect) => {
    expect(await failureOf(run(json(), body))).toMatchObject({ status: 400, defect })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    ['a number with a large exponent', '{"n":1e400}'],
    ['a negative one, deep in an array', '[1,[2,{"a":[-2E+308]}]]'],
    ['a number alone', '9e999'],
    ['309 digits', `[${'9'.repeat(309)}]`],
  ])('answers 400 json for %s, which would parse to Infinity', async (_, body) => {
    expect(await failureOf(run(json(), body))).toMatchObject({ status: 400, defect: 'json' })
  })

  it('accepts numbers up to the double range, tiny ones, and such spellings in strings', async () => {
    const max =
      '179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368'
    const body = `{"max":1.7976931348623157e308,"tiny":1e-400,"s":"1e400","digits":${max}}`
    expect(await run(json(), body)).toEqual({
      max: Number.MAX_VALUE,
      tiny: 0,
      s: '1e400',
      digits: Number.MAX_VALUE,
    })
  })

  const bytesOf = (...parts: (string | number[])[]) =>
    join(parts.map((p) => (typeof p === 'string' ? utf8(p) : new Uint8Array(p))))

  it.each([
    ['a lone continuation byte', bytesOf('"', [0x80], '"')],
    [
      'a 4-byte sequence cut after 3 bytes (one U+FFFD when replaced)',
      bytesOf('"', [0xf0, 0x90, 0x80], '"'),
    ],
    ['an overlong encoding', bytesOf('"', [0xc0, 0xaf], '"')],
    ['an encoded surrogate', bytesOf('"', [0xed, 0xa0, 0x80], '"')],
    [
      'invalid bytes beside a real U+FFFD',
      bytesOf('["\\uFFFD","', [0xef, 0xbf, 0xbd], '","', [0xff], '"]'),
    ],
  ])('answers 400 encoding for %s', async (_, body) => {
    expect(await failureOf(run(json(), body))).toMatchObject({ status: 400, defect: 'encoding' })
  })

  it.each([
    ['a lone high surrogate', '{"a":"\\ud800"}'],
    ['a lone low surrogate in a key', '{"x\\uDC00":1}'],
    ['a pair the wrong way round', '["\\uDE00\\uD83D"]'],
    ['a high surrogate at the end of a string alone', '"ok \\uD83D"'],
    ['a lone surrogate deep in an array', '[1,[{"a":["", "\\udbff!"]}]]'],
  ])('answers 400 encoding for %s, which no UTF-8 can carry', async (_, body) => {
    // RFC 8259 §8.2 leaves such strings to the parser; RFC 7493 §2.1 (I-JSON) forbids them.
    // JSON.parse keeps them, and they fail later: encodeURIComponent throws, TextEncoder and
    // every UTF-8 store replace them with U+FFFD.
    expect(await failureOf(run(json(), body))).toMatchObject({ status: 400, defect: 'encoding' })
  })

  it('accepts escaped surrogate pairs, and a backslash before text that looks like one', async () => {
    expect(await run(json(), '{"\\ud83d\\ude00":"\\uD83D\\uDE00","b":"\\\\ud800"}')).toEqual({
      '😀': '😀',
      b: '\\ud800',
    })
  })

  it('accepts a real U+FFFD, escaped or as its UTF-8 bytes, and other non-ASCII text', async () => {
    expect(await run(json(), bytesOf('["', [0xef, 0xbf, 0xbd], '","\\uFFFD"]'))).toEqual([
      '\uFFFD',
      '\uFFFD',
    ])
    expect(await run(json(), '{"s":"wörld € 😀"}')).toEqual({ s: 'wörld € 😀' })
  })

  it.each([
    ['an escaped constructor.prototype', '{"\\u0063onstructor":{"prototype":{}}}'],
    ['a __proto__ key deep in an array', '[1,[2,{"a":[{"__proto__":null}]}]]'],
  ])('answers 400 proto for %s', async (_, body) => {
    expect(await failureOf(run(json(), body))).toMatchObject({ status: 400, defect: 'proto' })
  })

  it('accepts "__proto__" and "constructor" as values, and escapes in other keys', async () => {
    // JSON.parse defines a `__proto__` key as an own property (ECMA-262 InternalizeJSONProperty):
    // the parsed value is sound, but an assignment copy (Object.assign, a merge) would set the
    // target's prototype from it. The rule refuses such keys; the same words as values are data.
    const body = '{"k":"__proto__","c":["constructor"],"\\u0061":{"prototype":1}}'
    expect(await run(json(), body)).toEqual({
      k: '__proto__',
      c: ['constructor'],
      a: { prototype: 1 },
    })
  })

  it('counts nesting, not brackets: many siblings and brackets in strings pass', async () => {
    const siblings = `[${Array.from({ length: 200 }, () => '{"a":[1]}').join(',')}]`
    expect(await run(json({ depth: 3 }), siblings)).toHaveLength(200)
    const inString = JSON.stringify({ s: '[{'.repeat(200) })
    expect(await run(json({ depth: 1 }), inString)).toEqual({ s: '[{'.repeat(200) })
    expect(await failureOf(run(json({ depth: 2 }), '[[[1]]]'))).toMatchObject({
      status: 413,
      limit: 'depth',
      max: 2,
    })
  })

  it('allows a constructor key that is not an object with a prototype', async () => {
    expect(await run(json(), '{"constructor":"x"}')).toEqual({ constructor: 'x' })
  })

  it('answers 413 depth for deep nesting without overflowing the stack', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(await failureOf(run(json({ limit: 1e6 }), deep))).toMatchObject({
      status: 413,
      limit: 'depth',
      max: 64,
    })
    expect(await run(json({ depth: 3 }), '[[[1]]]')).toEqual([[[1]]])
  })

  it('answers 413 bodySize over the limit, also when Content-Length lies', async () => {
    const big = `"${'x'.repeat(2000)}"`
    expect(await failureOf(run(json({ limit: 1000 }), big))).toMatchObject({
      status: 413,
      limit: 'bodySize',
      max: 1000,
    })
    expect(
      await failureOf(
        run(json({ limit: 1000 }), big, 'application/json', { 'content-length': '10' }),
      ),
    ).toMatchObject({ status: 413, limit: 'bodySize' })
    expect(
      await failureOf(
        run(json({ limit: 1000 }), '1', 'application/json', { 'content-length': '5000' }),
      ),
    ).toMatchObject({ status: 413 })
  })

  it('answers 415 for a charset other than UTF-8', async () => {
    expect(await failureOf(run(json(), '1', 'application/json; charset=utf-16'))).toMatchObject({
      status: 415,
    })
    expect(await run(json(), '1', 'application/json; charset=UTF-8')).toBe(1)
  })
})

const withoutProtoKeys = (x: unknown) => !/__proto__|constructor/.test(JSON.stringify(x))

it('parseJson refuses exactly the values nested deeper than the limit, whatever their strings hold', () => {
  // Nesting is read from the text when no key or number needs the walk: strings full of
  // brackets, quotes and backslash runs must not move the count.
  const nesting = (x: unknown): number =>
    typeof x === 'object' && x !== null
      ? 1 + Math.max(0, ...Object.values(x as Record<string, unknown>).map(nesting))
      : 0
  const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ' ') })
  const values = fc.oneof(
    fc.jsonValue({ maxDepth: 8 }),
    fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        tricky,
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(tricky, tie('value'), { maxKeys: 3 }),
      ),
    })).value,
  )
  fc.assert(
    // Keys the prototype rule refuses (a 400 before any depth verdict) are left out.
    fc.property(values.filter(withoutProtoKeys), fc.integer({ min: 0, max: 6 }), (value, depth) => {
      const bytes = utf8(JSON.stringify(value))
      let refused: unknown
      try {
        parseJson(bytes, depth, false)
      } catch (e) {
        refused = e
      }
      if (nesting(value) > depth)
        expect(refused).toMatchObject({ status: 413, fields: { limit: 'depth' } })
      else expect(refused).toBeUndefined()
    }),
    { numRuns: 2000 },
  )
})

it('parseJson refuses exactly the numbers JSON.parse makes Infinity, however they are written', () => {
  // The exponent can stay short when the integer part is long: 1 and 300 zeros, then e9, is 1e309.
  const digits = (n: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
  const number = fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.integer({ min: 1, max: 330 }).chain((n) => digits(n - 1)),
      fc.integer({ min: 1, max: 9 }),
      fc.option(fc.integer({ min: 1, max: 20 }).chain(digits)),
      fc.option(
        fc.tuple(
          fc.constantFrom('e', 'E'),
          fc.constantFrom('', '+', '-'),
          fc.integer({ min: 0, max: 420 }),
        ),
      ),
    )
    .map(([sign, rest, lead, fraction, exponent]) => {
      const e = exponent === null ? '' : `${exponent[0]}${exponent[1]}${exponent[2]}`
      return `${sign}${lead}${rest}${fraction === null ? '' : `.${fraction}`}${e}`
    })
  fc.assert(
    fc.property(number, fc.boolean(), (n, nested) => {
      const text = nested ? `{"a":[1,{"n":${n}}]}` : n
      let refused: unknown
      try {
        parseJson(utf8(text), 64, false)
      } catch (e) {
        refused = e
      }
      if (Number.isFinite(Number(n))) expect(refused).toBeUndefined()
      else expect(refused).toMatchObject({ status: 400, fields: { defect: 'json' } })
    }),
    { numRuns: 3000 },
  )
  for (const n of [`1${'0'.repeat(300)}e9`, `2${'0'.repeat(209)}e99`, `-1${'0'.repeat(250)}E+59`]) {
    expect(() => parseJson(utf8(`{"n":${n}}`), 64, false)).toThrow(/too large for a double/)
  }
  expect(parseJson(utf8(`{"n":1${'0'.repeat(209)}e98}`), 64, false)).toEqual({ n: 1e307 })
})
