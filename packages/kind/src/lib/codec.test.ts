import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bool, codec, date, int, num, oneOf, str, uuid } from './codec.js'
import { KindEncodeError } from './errors.js'
import { kind } from './kind.js'
import { list, optional, rest } from './query-codec.js'
import type { Codec } from './types.js'

const RUNS = { numRuns: 1000 }

// Every day of years 0000 to 9999, as midnight UTC (Date.UTC would read years 0-99 as 19xx).
const DAY_MS = 86_400_000
const dayArb = fc
  .integer({
    min: Date.parse('0000-01-01T00:00:00Z') / DAY_MS,
    max: Date.parse('9999-12-31T00:00:00Z') / DAY_MS,
  })
  .map((n) => new Date(n * DAY_MS))

const cases: [string, Codec<any>, fc.Arbitrary<any>][] = [
  ['str', str, fc.string({ unit: 'grapheme' })],
  ['int', int, fc.maxSafeInteger()],
  // -0 and 0 share the form "0" (String(-0) is "0"), so -0 is left out of the law's domain.
  [
    'num',
    num,
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  ],
  ['bool', bool, fc.boolean()],
  ['uuid', uuid, fc.uuid()],
  ['date', date, dayArb],
  ['oneOf', oneOf('draft', 'published', 'a b'), fc.constantFrom('draft', 'published', 'a b')],
]

describe.each(cases)('%s codec laws', (_name, c, values) => {
  it('decode(encode(v)) is v', () => {
    fc.assert(
      fc.property(values, (v) => {
        const back = c.decode(c.encode(v))
        expect(back instanceof Date ? back.getTime() : back).toEqual(
          v instanceof Date ? v.getTime() : v,
        )
      }),
      RUNS,
    )
  })

  it('encode(decode(s)) is s for every string that decodes', () => {
    const strings = fc.oneof(
      fc.string(),
      values.map((v) => c.encode(v)),
      values.map((v) => ` ${c.encode(v)}`),
      values.map((v) => `0${c.encode(v)}`),
      values.map((v) => c.encode(v).toUpperCase()),
    )
    fc.assert(
      fc.property(strings, (s) => {
        const v = c.decode(s)
        if (v !== undefined) expect(c.encode(v)).toBe(s)
      }),
      RUNS,
    )
  })
})

describe('codecs refuse non-canonical forms', () => {
  it.each([
    ['int', int, ['007', '+7', '-0', '1e3', '7.0', ' 7', '', '9007199254740993', '0x10']],
    ['num', num, ['1.50', '.5', '+1', 'NaN', 'Infinity', '1e21', '-0', '']],
    ['bool', bool, ['True', '1', 'yes', '']],
    ['uuid', uuid, ['0190A3B2-0000-4000-8000-000000000000', '0190a3b2000040008000000000000000']],
    ['date', date, ['2024-02-30', '2024-2-01', '2024-13-01', '20240101', '2023-02-29']],
  ] as const)('%s', (_n, c: Codec<unknown>, bad) => {
    for (const s of bad) expect(c.decode(s), s).toBeUndefined()
  })

  it.each(['0000-01-01', '0001-02-03', '0004-02-29', '0099-12-31', '0100-03-01'])(
    'date reads and writes %s, a day of the first centuries',
    (s) => {
      // Date.UTC maps years 0-99 to 1900-1999; the codec must not.
      const d = date.decode(s)
      expect(d?.toISOString().slice(0, 10)).toBe(s)
      expect(date.encode(d!)).toBe(s)
    },
  )

  it('decodes canonical forms to the expected values', () => {
    expect(int.decode('-42')).toBe(-42)
    expect(num.decode('1e+21')).toBe(1e21)
    expect(date.decode('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z')
  })

  it('throws a KindEncodeError for values outside a codec', () => {
    expect(() => int.encode(1.5)).toThrow(KindEncodeError)
    expect(() => num.encode(Number.NaN)).toThrow(KindEncodeError)
    expect(() => date.encode(new Date('2024-01-01T10:00:00Z'))).toThrow(/midnight UTC/)
    expect(() => uuid.encode('nope')).toThrow(KindEncodeError)
    expect(() => oneOf('a', 'b').encode('c' as 'a')).toThrow(/not one of a, b/)
  })

  // Values from untyped code (JSON, forms): `null` must not become the text "null" or `false`.
  it.each([
    ['str', null, str],
    ['str', 7, str],
    ['bool', null, bool],
    ['bool', 'false', bool],
    ['date', null, date],
    ['date', '2024-01-01', date],
    ['int', null, int],
    ['uuid', null, uuid],
  ] as [string, unknown, Codec<unknown>][])('%s refuses %j with a KindEncodeError', (_n, v, c) => {
    expect(() => c.encode(v)).toThrow(KindEncodeError)
  })
})

describe('codec errors name a refused value without calling into it', () => {
  // Each of these threw a TypeError while the codec built its message (a Symbol has no string
  // form; `${v}` calls an object's own toString; JSON.stringify refuses a BigInt): a caller
  // catching KindEncodeError (the client, an href in a handler) missed it.
  const throwing = {
    toString(): string {
      throw new Error('no string form')
    },
  }
  it.each([
    ['int', 'a Symbol', int, Symbol('x')],
    ['int', 'an object whose toString throws', int, throwing],
    ['num', 'an object without a prototype', num, Object.create(null)],
    ['uuid', 'a Symbol', uuid, Symbol('x')],
    ['uuid', 'a BigInt', uuid, 1n],
    ['oneOf', 'a BigInt', oneOf('a', 'b'), 1n],
  ] as [string, string, Codec<unknown>, unknown][])(
    '%s refuses %s with a KindEncodeError',
    (_n, _what, c, v) => {
      expect(() => c.encode(v)).toThrow(KindEncodeError)
    },
  )
})

describe('date refuses what only looks like a Date', () => {
  // Untyped code (or a mock) may hand over an object that passes for a Date by its tag or its
  // prototype: the typed error, as every codec throws, and never a TypeError from inside.
  it.each([
    ['an object tagged "Date"', { [Symbol.toStringTag]: 'Date', getTime: () => 0 }, /not a Date/],
    ['an object made from Date.prototype', Object.create(Date.prototype), /not a Date/],
    ['an Invalid Date', new Date(Number.NaN), 'date cannot encode an Invalid Date'],
  ])('%s, with a KindEncodeError saying so', (_n, v, message) => {
    expect(() => date.encode(v)).toThrow(KindEncodeError)
    expect(() => date.encode(v)).toThrow(message)
  })

  it('takes a Date of another realm (node:vm, an iframe), which instanceof would refuse', () => {
    const other = runInNewContext('new Date(Date.UTC(2024, 1, 9))') as Date
    expect(other instanceof Date).toBe(false)
    expect(date.encode(other)).toBe('2024-02-09')
  })

  it("reads a real Date's own time, whatever its methods say", () => {
    class Shifted extends Date {
      override getTime() {
        return super.getTime() + 1
      }
      override toISOString(): string {
        throw new Error('not called')
      }
    }
    expect(date.encode(new Shifted(Date.UTC(2024, 1, 9)))).toBe('2024-02-09')
  })
})

describe('rest and list refuse values of another type from untyped code', () => {
  // A rest item `null` would be written "null" and read back as the string: another value.
  it.each([[null], ['a/b'], [{ length: 1, 0: 'a' }], [['a', null]], [[1]]])(
    'rest refuses %j with a KindEncodeError',
    (v) => {
      expect(() => rest.encode(v as never)).toThrow(KindEncodeError)
    },
  )

  it.each([[null], [5], ['ab']])('list(int) refuses %j with a KindEncodeError', (v) => {
    expect(() => list(int).encode(v as never)).toThrow(KindEncodeError)
  })

  // A sparse array (`new Array(2)`, `['a', , 'b']`) is a string[] to TypeScript, and its holes
  // were written "undefined": /files/a/undefined/b, ?q=undefined, hrefs to other values.
  it.each([
    ['new Array(2)', new Array(2)],
    // ['a', , 'b'], made without the literal the linter refuses.
    ["['a', , 'b']", Object.assign(new Array(3), { 0: 'a', 2: 'b' })],
  ])('rest refuses the sparse array %s with a KindEncodeError', (_, v) => {
    expect(() => rest.encode(v as string[])).toThrow('rest encodes an array of strings')
    expect(() => kind('GET /files/*path').href({ path: v as string[] })).toThrow(KindEncodeError)
  })

  it.each([
    ['list(str)', list(str), new Array(2)],
    ['list(int)', list(int), Object.assign(new Array(3), { 0: 1, 2: 2 })],
  ])('%s refuses a sparse array with a KindEncodeError', (_, c, v) => {
    expect(() => c.encode(v as never)).toThrow(KindEncodeError)
    const K = kind('GET /x', { query: { q: c } })
    expect(() => K.href({ q: v as never })).toThrow(KindEncodeError)
  })
})

describe('codec()', () => {
  const hex = codec(
    (s) => (/^[0-9a-f]+$/.test(s) ? Number.parseInt(s, 16) : undefined),
    (n: number) => n.toString(16),
    'hex',
  )
  it('makes a user codec whose throws count as no value', () => {
    expect(hex.decode('ff')).toBe(255)
    expect(hex.encode(255)).toBe('ff')
    const throwing = codec<number>(
      () => {
        throw new Error('boom')
      },
      String,
      'bad',
    )
    expect(throwing.decode('1')).toBeUndefined()
  })

  // Untyped code (or a cast) may return anything: href would write `[object Object]`.
  it.each([
    [{ id: 1 }, 'an object'],
    [undefined, 'undefined'],
    [null, 'null'],
    [7, 'the number 7'],
    [true, 'the boolean true'],
    [Symbol('s'), 'a symbol'],
  ])('refuses an encode that returns %s, naming the codec and what it returned', (out, said) => {
    const odd = codec<number>(
      () => undefined,
      () => out as never,
      'odd',
    )
    expect(() => odd.encode(1)).toThrow(KindEncodeError)
    expect(() => odd.encode(1)).toThrow(`codec "odd" encoded 1 as ${said}, not a string`)
    const Odd = kind('GET /o/:x', { x: odd, query: { q: optional(odd) } })
    expect(() => Odd.href({ x: 1 })).toThrow(`codec "odd" encoded 1 as ${said}`)
    expect(() => optional(odd, 2)).toThrow(`codec "odd" encoded 2 as ${said}`)
  })
})

describe('query codecs', () => {
  const values = fc.array(fc.maxSafeInteger(), { maxLength: 5 })
  it('list(c) round-trips any list of values, and absent is []', () => {
    const c = list(int)
    fc.assert(
      fc.property(values, (v) => {
        expect(c.decode(c.encode(v))).toEqual({ value: v })
      }),
      RUNS,
    )
    expect(c.decode([])).toEqual({ value: [] })
    expect(c.decode(['1', 'x'])).toBeUndefined()
  })

  it('optional(c) reads zero or one value; two are refused', () => {
    const c = optional(int)
    fc.assert(
      fc.property(fc.option(fc.maxSafeInteger(), { nil: undefined }), (v) => {
        expect(c.decode(c.encode(v))).toEqual({ value: v })
      }),
      RUNS,
    )
    expect(c.decode(['1', '2'])).toBeUndefined()
  })

  it('optional(c, default) leaves the default out and reads it back when absent', () => {
    const c = optional(int, 1)
    expect(c.encode(1)).toEqual([])
    expect(c.encode(2)).toEqual(['2'])
    expect(c.decode([])).toEqual({ value: 1 })
  })

  it('optional(c, default) refuses at definition a default its codec cannot encode', () => {
    // Otherwise every href of the kind throws, whatever value it is given.
    expect(() => optional(int, 1.5)).toThrow(KindEncodeError)
    expect(() => optional(int, 1.5)).toThrow(/int cannot encode 1.5/)
  })

  it('rest round-trips segment lists without dot segments', () => {
    const seg = fc.string().filter((s) => s !== '.' && s !== '..')
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 6 }), (v) => {
        expect(rest.decode(rest.encode(v))).toEqual(v)
      }),
      RUNS,
    )
    expect(rest.decode(['a', '..'])).toBeUndefined()
    expect(() => rest.encode(['.'])).toThrow(KindEncodeError)
  })
})
