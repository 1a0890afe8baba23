import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { date, int, str } from './codec.js'
import { toBare } from './bare.js'
import { KindDefinitionError, KindEncodeError } from './errors.js'
import { decodeQuery, kind, patternOf } from './kind.js'
import { list, optional } from './query-codec.js'
import { refine } from './refine.js'

const positive = refine(int, v.pipe(v.number(), v.minValue(1)))
const slug = refine(str, z.string().regex(/^[a-z0-9-]+$/), 'slug')

describe('refine', () => {
  it('decodes what the codec decodes and the schema accepts', () => {
    expect(positive.decode('42')).toBe(42)
    expect(slug.decode('hello-world')).toBe('hello-world')
  })

  it('decodes a value the schema refuses as no value', () => {
    expect(positive.decode('0')).toBeUndefined()
    expect(positive.decode('-3')).toBeUndefined()
    expect(slug.decode('Hello World')).toBeUndefined()
  })

  it('still refuses what the codec refuses, before the schema sees it', () => {
    expect(positive.decode('007')).toBeUndefined()
    expect(positive.decode('abc')).toBeUndefined()
  })

  it('refuses to encode a value the schema refuses, with the schema message', () => {
    expect(positive.encode(3)).toBe('3')
    expect(() => positive.encode(0)).toThrow(KindEncodeError)
    expect(() => positive.encode(0)).toThrow(/refined int cannot encode 0: .*>=1/)
    expect(() => slug.encode('A B')).toThrow(/^slug cannot encode "A B": /)
  })

  it('keeps the codec laws within the refined domain', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(positive.decode(positive.encode(n))).toBe(n)
      }),
    )
    fc.assert(
      fc.property(fc.string(), (s) => {
        const value = positive.decode(s)
        if (value !== undefined) expect(positive.encode(value)).toBe(s)
      }),
    )
  })

  it("ignores a schema's transform: the value stays the codec's", () => {
    const doubled = refine(
      int,
      v.pipe(
        v.number(),
        v.transform((n) => n * 2),
      ),
    )
    expect(doubled.decode('21')).toBe(21)
    expect(doubled.encode(21)).toBe('21')
  })

  it('takes a plain Standard Schema object', () => {
    const even = refine(int, {
      '~standard': {
        validate: (x) =>
          (x as number) % 2 === 0 ? { value: x } : { issues: [{ message: 'odd' }] },
      },
    })
    expect(even.decode('4')).toBe(4)
    expect(even.decode('5')).toBeUndefined()
    expect(() => even.encode(5)).toThrow('refined int cannot encode 5: odd')
  })

  it('reads a schema that throws on a request value as no value', () => {
    let calls = 0
    const flaky = refine(int, {
      '~standard': {
        validate: (x) => {
          if (calls++ > 0) throw new Error('boom')
          return { value: x }
        },
      },
    })
    expect(flaky.decode('1')).toBeUndefined()
  })

  it('refuses an asynchronous schema when it is defined', () => {
    const schema = v.pipeAsync(
      v.number(),
      v.checkAsync(async (n) => n > 0, 'positive'),
    )
    expect(() => refine(int, schema as never)).toThrow(KindDefinitionError)
    expect(() => refine(int, schema as never)).toThrow(
      'refine(int): the schema validates asynchronously',
    )
  })

  it('refuses a schema that answers a promise of another realm, or any thenable', () => {
    // A promise made in another realm (node:vm here, an iframe in a browser) is no `instanceof
    // Promise` of this one, yet as asynchronous: read as a result, it had no issues.
    const foreign = { '~standard': { validate: () => runInNewContext('Promise.resolve({})') } }
    expect(() => refine(int, foreign)).toThrow('refine(int): the schema validates asynchronously')
    const thenable = {
      '~standard': {
        validate: (x: unknown) =>
          x === 5
            ? // biome-ignore lint/suspicious/noThenProperty: a thenable is what this test is about
              ({ then: (ok: (r: object) => void) => ok({ issues: [{ message: 'no' }] }) } as never)
            : { value: x },
      },
    }
    const late = refine(int, thenable)
    expect(late.decode('5')).toBeUndefined()
    expect(() => late.encode(5)).toThrow(KindDefinitionError)
  })

  it('takes a synchronous schema that throws for undefined, which it never sees from the codec', () => {
    const long = refine(str, {
      '~standard': {
        validate: (x) =>
          (x as string).length > 3 ? { value: x } : { issues: [{ message: 'too short' }] },
      },
    })
    expect(long.decode('abcd')).toBe('abcd')
    expect(long.decode('abc')).toBeUndefined()
    expect(() => long.encode('abc')).toThrow('refined str cannot encode "abc": too short')
  })

  it('answers a schema that throws while encoding with a KindEncodeError', () => {
    const picky = refine(int, {
      '~standard': {
        validate: (x) => {
          if (x === 3) throw new Error('boom')
          return { value: x }
        },
      },
    })
    expect(picky.encode(2)).toBe('2')
    expect(() => picky.encode(3)).toThrow(KindEncodeError)
    expect(() => picky.encode(3)).toThrow('refined int cannot encode 3: boom')
  })

  it("calls validate on the schema's ~standard object, as a method", () => {
    // Standard Schema asks for a `validate` member; a class instance that uses `this` is one.
    class Even {
      check(x: unknown) {
        return (x as number) % 2 === 0 ? { value: x } : { issues: [{ message: 'odd' }] }
      }
      validate(x: unknown) {
        return this.check(x)
      }
    }
    const even = refine(int, { '~standard': new Even() })
    expect(even.decode('4')).toBe(4)
    expect(() => even.encode(5)).toThrow('refined int cannot encode 5: odd')
  })

  it('refuses something that is no Standard Schema', () => {
    expect(() => refine(int, {} as never)).toThrow('refine(int): the schema is no Standard Schema')
    expect(() => refine(int, undefined as never)).toThrow(KindDefinitionError)
    // Untyped code: a validate that answers no result at all.
    const blank = { '~standard': { validate: () => null as never } }
    expect(() => refine(int, blank)).toThrow('refine(int): the schema answered null')
  })
})

describe('refine in a kind', () => {
  const Post = kind('GET /posts/:id', { id: positive, query: { page: optional(positive, 1) } })

  it('decodes a capture the schema refuses as not mine (a 404)', () => {
    expect(
      Post.decode({ method: 'GET', path: ['posts', '5'], query: new URLSearchParams() }),
    ).toEqual({ outcome: 'match', value: { id: 5, page: 1 } })
    expect(
      Post.decode({ method: 'GET', path: ['posts', '0'], query: new URLSearchParams() }).outcome,
    ).toBe('none')
  })

  it('answers a query value the schema refuses with a 400 naming the key and the codec', async () => {
    const q = decodeQuery(patternOf(Post)!, new URLSearchParams('page=0'))
    expect(q.ok).toBe(false)
    const d = Post.decode({
      method: 'GET',
      path: ['posts', '5'],
      query: new URLSearchParams('page=0'),
    })
    expect(d.outcome).toBe('reject')
    if (d.outcome === 'reject') {
      expect(d.response.status).toBe(400)
      const body = await d.response.json()
      expect(body.detail).toContain('optional(refined int)')
      expect(body.key).toBe('page')
    }
  })

  it('refuses an href for a value the schema refuses', () => {
    expect(Post.href({ id: 2, page: 3 })).toBe('/posts/2?page=3')
    expect(() => Post.href({ id: 0, page: 1 })).toThrow(KindEncodeError)
  })
})

describe('refine laws in a kind (property)', () => {
  const word = refine(str, v.pipe(v.string(), v.regex(/^[a-z]+$/)), 'word')
  const recent = refine(date, z.date().min(new Date('2000-01-01T00:00:00Z')))
  const Entry = kind('GET /entries/:id/:title', {
    id: positive,
    title: refine(str, z.string().max(12)),
    query: { tag: list(word), page: optional(positive, 1), since: optional(recent) },
  })
  const at = (href: string) => toBare('GET', href)!

  it('href(v) decodes to v for every value the schemas accept, and refuses every other', () => {
    // Days from 1970-01-01 to 9999-12-31, the last date can write.
    const day = fc.integer({ min: 0, max: 2_932_896 }).map((n) => new Date(n * 86_400_000))
    fc.assert(
      fc.property(
        fc.integer({ min: -3, max: Number.MAX_SAFE_INTEGER }),
        fc.string({ minLength: 1, maxLength: 16 }),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
        fc.integer({ min: -3, max: 1000 }),
        fc.option(day, { nil: undefined }),
        (id, title, tag, page, since) => {
          const value = { id, title, tag, page, ...(since && { since }) }
          const ok =
            id >= 1 &&
            title.length <= 12 &&
            title !== '.' &&
            title !== '..' &&
            tag.every((t) => /^[a-z]+$/.test(t)) &&
            page >= 1 &&
            (since === undefined || since.getTime() >= Date.parse('2000-01-01'))
          if (!ok) {
            expect(() => Entry.href(value)).toThrow(KindEncodeError)
            return
          }
          const href = Entry.href(value)
          expect(Entry.decode(at(href))).toEqual({ outcome: 'match', value })
        },
      ),
      { numRuns: 1000 },
    )
  })
})
