import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { date, int, oneOf, str, uuid } from './codec.js'
import { kind } from './kind.js'
import { list, optional } from './query-codec.js'
import { refine } from './refine.js'
import type { Codec, KindInput, KindValue } from './types.js'

describe('kind types', () => {
  it('infers captures from the pattern, str by default', () => {
    const k = kind('GET /users/:user/posts/:id', { id: int })
    expectTypeOf<KindValue<typeof k>>().toEqualTypeOf<{ user: string; id: number }>()
  })

  it('gives rest captures string[] and query keys their codec types in one flat object', () => {
    const k = kind(['GET', 'PUT'], '/docs/:slug/*path', {
      slug: oneOf('a', 'b'),
      query: { rev: optional(int), page: optional(int, 1), tag: list(uuid), q: int },
    })
    expectTypeOf<KindValue<typeof k>>().toEqualTypeOf<{
      slug: 'a' | 'b'
      path: string[]
      page: number
      tag: string[]
      q: number
      rev?: number | undefined
    }>()
    // What it encodes: a key with a default, or a list, may be left out too (its URL has none).
    expectTypeOf<KindInput<typeof k>>().toEqualTypeOf<{
      slug: 'a' | 'b'
      path: string[]
      q: number
      rev?: number | undefined
      page?: number | undefined
      tag?: string[] | undefined
    }>()
  })

  it('reads a pattern starting with "/" as all path, whatever spaces its statics hold', () => {
    const k = kind('/:user/my files /x')
    expectTypeOf<KindValue<typeof k>>().toEqualTypeOf<{ user: string }>()
  })

  it('is an empty object for a static pattern', () => {
    const k = kind('/')
    expectTypeOf<KindValue<typeof k>>().toEqualTypeOf<{}>()
  })

  it('refuses a codec for a misspelled capture, naming it', () => {
    // @ts-expect-error "idd" is not a capture of the pattern
    kind('GET /posts/:id', { idd: int })
  })

  it('refuses href with a missing or wrongly typed parameter', () => {
    const k = kind('GET /posts/:id', { id: int })
    // @ts-expect-error id is missing
    k.href({})
    // @ts-expect-error id is a number
    k.href({ id: '7' })
    expectTypeOf(k.href({ id: 7 })).toEqualTypeOf<string>()
  })

  it('refuses a capture named "query", whose codec the spec cannot hold', () => {
    // @ts-expect-error codecs.query holds the query codecs
    kind('GET /search/:query')
    // @ts-expect-error the same for a rest capture
    kind(['GET'], '/files/*query')
    // @ts-expect-error and beside query keys
    kind('GET /search/:query', { query: { page: optional(int) } })
  })

  it('refuses whitespace at the end of a pattern, as kind() does when it runs', () => {
    // @ts-expect-error the capture would be "id " to the types
    kind('GET /:id ')
    // @ts-expect-error whatever the whitespace, in every form
    kind(['GET'], '/about\u00a0')
    // @ts-expect-error
    kind('/files/*path\n')
  })

  it('reads spaces between the method and the path as one', () => {
    const k = kind('GET    /posts/:id', { id: int })
    expectTypeOf<KindValue<typeof k>>().toEqualTypeOf<{ id: number }>()
  })

  it('refuses a query codec in a path capture', () => {
    // @ts-expect-error optional() reads a query key, not a segment
    kind('GET /posts/:id', { id: optional(int) })
  })

  it('refuses a query key named as a capture, as kind() throws', () => {
    // @ts-expect-error id is a capture: the value is one flat object
    kind('GET /posts/:id', { query: { id: int } })
    // @ts-expect-error the same for a rest capture
    kind(['GET'], '/files/*path', { query: { path: optional(str) } })
    kind('GET /posts/:id', { id: int, query: { rev: optional(int) } })
  })

  it('encodes a kind without parameters from an empty value only', () => {
    const CreatePost = kind('POST /posts')
    CreatePost.href({})
    CreatePost.href(undefined as never)
    // @ts-expect-error a key the kind does not have would be dropped from the URL
    CreatePost.href({ json: { title: 'Hello' } })
    // @ts-expect-error nor is a number a value (a status passed in its place)
    CreatePost.href(301)
    expectTypeOf<KindValue<typeof CreatePost>>().toEqualTypeOf<{}>()
    // A pattern only known at run time may have any parameters.
    const pattern: string = 'GET /posts/:id'
    kind(pattern).href({ id: '7' })
  })
})

describe('refine', () => {
  it('keeps the codec type and refuses a schema of another type', () => {
    expectTypeOf(refine(int, v.pipe(v.number(), v.minValue(1)))).toEqualTypeOf<Codec<number>>()
    // @ts-expect-error: a schema of strings cannot refine a codec of numbers
    refine(int, v.string())
    const Post = kind('GET /posts/:id', { id: refine(int, v.pipe(v.number(), v.integer())) })
    expectTypeOf(Post.href).parameter(0).toEqualTypeOf<{ id: number }>()
  })

  it("keeps the codec's type when the schema takes more than the codec's values", () => {
    // A schema's input may be wider than the codec's values (a union, unknown, any): the refined
    // codec still holds only what the codec decodes.
    expectTypeOf(refine(int, v.union([v.number(), v.string()]))).toEqualTypeOf<Codec<number>>()
    expectTypeOf(refine(int, z.unknown())).toEqualTypeOf<Codec<number>>()
    expectTypeOf(refine(int, v.unknown())).toEqualTypeOf<Codec<number>>()
    expectTypeOf(refine(int, z.any())).toEqualTypeOf<Codec<number>>()
    expectTypeOf(refine(oneOf('a', 'b'), z.string())).toEqualTypeOf<Codec<'a' | 'b'>>()
    // Narrower is a refinement too: the schema refuses 'b' at run time.
    expectTypeOf(refine(oneOf('a', 'b'), v.literal('a'))).toEqualTypeOf<Codec<'a' | 'b'>>()
    expectTypeOf(refine(date, z.date())).toEqualTypeOf<Codec<Date>>()
    expectTypeOf(refine(int, { '~standard': { validate: (x) => ({ value: x }) } })).toEqualTypeOf<
      Codec<number>
    >()
    // @ts-expect-error: a schema of strings cannot refine a codec of numbers (zod too)
    refine(int, z.string())
    // @ts-expect-error: nor one of 'a' | 'c' a codec of 'a' | 'b' ('c' is no value of it)
    refine(oneOf('a', 'b'), v.picklist(['a', 'c']))
    // @ts-expect-error: nor one of strings a codec of dates
    refine(date, z.string())
  })

  it("gives a kind with refined codecs the codecs' value and input types", () => {
    const Tagged = kind('GET /t/:id', {
      id: refine(int, z.number().positive()),
      query: {
        sort: optional(refine(oneOf('new', 'top'), z.string()), 'new'),
        tag: list(refine(str, v.pipe(v.string(), v.minLength(1)))),
        rev: optional(refine(int, v.unknown())),
      },
    })
    expectTypeOf<KindValue<typeof Tagged>>().toEqualTypeOf<{
      id: number
      sort: 'new' | 'top'
      tag: string[]
      rev?: number | undefined
    }>()
    expectTypeOf<KindInput<typeof Tagged>>().toEqualTypeOf<{
      id: number
      sort?: 'new' | 'top' | undefined
      tag?: string[] | undefined
      rev?: number | undefined
    }>()
  })
})
