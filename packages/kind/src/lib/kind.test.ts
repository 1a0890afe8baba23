import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBare } from './bare.js'
import { int, str, uuid } from './codec.js'
import { defineKind, match, reject } from './define-kind.js'
import { KindDefinitionError, KindEncodeError } from './errors.js'
import { kind, patternOf } from './kind.js'
import { list, optional } from './query-codec.js'
import type { Codec, Kind, RestCodec } from './types.js'

const bare = (url: string, method = 'GET') => toBare(method, url)!

describe('pattern kinds', () => {
  const Post = kind('GET /posts/:id', { id: int, query: { rev: optional(int), tag: list(str) } })

  it('decode a matching URL into one flat value', () => {
    expect(Post.decode(bare('/posts/7?rev=2&tag=a&tag=b'))).toEqual({
      outcome: 'match',
      value: { id: 7, rev: 2, tag: ['a', 'b'] },
    })
  })

  it('say "not mine" for another path, a non-canonical capture, or another method', () => {
    expect(Post.decode(bare('/posts/007')).outcome).toBe('none')
    expect(Post.decode(bare('/posts/x')).outcome).toBe('none')
    expect(Post.decode(bare('/posts/7/edit')).outcome).toBe('none')
    expect(Post.decode(bare('/posts/7', 'POST')).outcome).toBe('none')
  })

  it('answer HEAD for a GET kind', () => {
    expect(Post.decode(bare('/posts/7', 'HEAD')).outcome).toBe('match')
  })

  it('reject a bad query value with a 400 problem naming the key', async () => {
    const d = Post.decode(bare('/posts/7?rev=x'))
    expect(d.outcome).toBe('reject')
    if (d.outcome !== 'reject') return
    expect(d.response.status).toBe(400)
    expect(d.response.headers.get('content-type')).toBe('application/problem+json')
    expect(await d.response.json()).toMatchObject({ status: 400, key: 'rev', step: 'query' })
  })

  it("name the query step in a custom kind's reject, where the router ranks it", async () => {
    const Month = defineKind<number>({
      name: 'month',
      encode: (m) => ({ path: [String(m)] }),
      decode: (b) => (b.path[0] === '13' ? reject('no such month') : undefined),
    })
    const d = Month.decode(bare('/13'))
    expect(d.outcome === 'reject' && (await d.response.json())).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'no such month',
      step: 'query',
    })
  })

  it('reject a repeated key for a single-valued codec', () => {
    expect(Post.decode(bare('/posts/7?rev=1&rev=2')).outcome).toBe('reject')
  })

  // Both values are valid ints: a detail saying "must be a valid optional(int) value" sends the
  // client looking for a bad value instead of the second one.
  it.each([
    [
      'an optional key',
      '/posts/7?rev=1&rev=2',
      'query parameter "rev" is given 2 times: it takes one optional(int) value',
    ],
    [
      'a plain key',
      '/q?n=1&n=1&n=1',
      'query parameter "n" is given 3 times: it takes one int value',
    ],
    ['a missing plain key', '/q', 'query parameter "n" must be exactly one int value'],
    [
      'a bad optional value',
      '/posts/7?rev=x',
      'query parameter "rev" must be a valid optional(int) value',
    ],
  ])('name what is wrong with %s in the problem detail', async (_, url, detail) => {
    const Q = kind('GET /q', { query: { n: int } })
    const d = (url.startsWith('/q') ? Q : Post).decode(bare(url))
    expect(d.outcome === 'reject' && (await d.response.json()).detail).toBe(detail)
  })

  it('make canonical hrefs, leaving out absent optional keys', () => {
    expect(Post.href({ id: 7, tag: [] })).toBe('/posts/7')
    expect(Post.href({ id: -1, rev: 3, tag: ['a b', 'c&d'] })).toBe(
      '/posts/-1?rev=3&tag=a+b&tag=c%26d',
    )
  })

  it('keep "/" and "%" inside a capture', () => {
    const File = kind('GET /raw/:name/meta')
    const href = File.href({ name: 'a/b%2F c' })
    expect(href).toBe('/raw/a%2Fb%252F%20c/meta')
    expect(File.decode(bare(href))).toEqual({ outcome: 'match', value: { name: 'a/b%2F c' } })
  })

  it('take rest captures as segment lists', () => {
    const Files = kind('GET /files/*path')
    expect(Files.decode(bare('/files/a/b%2Fc/'))).toEqual({
      outcome: 'match',
      value: { path: ['a', 'b/c', ''] },
    })
    expect(Files.decode(bare('/files'))).toEqual({ outcome: 'match', value: { path: [] } })
    expect(Files.href({ path: ['x y', 'z'] })).toBe('/files/x%20y/z')
  })

  it('answer several methods, or any with *', () => {
    const Doc = kind(['GET', 'PUT'], '/docs/:slug')
    expect(Doc.decode(bare('/docs/a', 'PUT')).outcome).toBe('match')
    expect(Doc.decode(bare('/docs/a', 'DELETE')).outcome).toBe('none')
    expect(kind('* /any').decode(bare('/any', 'PROPFIND')).outcome).toBe('match')
    // The name (in errors and the route inventory) says "any method" as the pattern form does.
    expect(kind(['*'], '/any').name).toBe('* /any')
    expect(kind(['GET', 'PUT'], '/docs/:slug').name).toBe('GET,PUT /docs/:slug')
    expect(kind('PROPFIND /dav').methods).toEqual(['PROPFIND'])
  })

  it('spell the six methods fetch normalises in upper case, as every Request carries them', () => {
    // new Request(url, { method: 'post' }).method is 'POST' (Fetch, "normalize a method").
    const Create = kind('post /posts')
    expect(Create.methods).toEqual(['POST'])
    expect(
      Create.decode(toBare(new Request('http://h/posts', { method: 'post' }).method, '/posts')!)
        .outcome,
    ).toBe('match')
    expect(kind(['get', 'Delete'], '/p').methods).toEqual(['GET', 'DELETE'])
    expect(
      defineKind({ name: 'd', methods: ['put'], encode: () => ({ path: [''] }), decode: () => 1 })
        .methods,
    ).toEqual(['PUT'])
    // Other methods are case-sensitive tokens (RFC 9110 §9.1), kept as written.
    expect(kind('patch /p').methods).toEqual(['patch'])
  })

  it('read methods of a custom kind as a pattern kind reads them: * is any, a non-token is refused', () => {
    const def = (methods: string[]) =>
      defineKind({ name: 'd', methods, encode: () => ({ path: [''] }), decode: () => 1 })
    // `*` answered only requests whose method is the token "*": none a client sends.
    expect(def(['*']).methods).toEqual([])
    expect(def(['GET', '*']).decode(bare('/', 'PROPFIND')).outcome).toBe('match')
    // A method with a space or a comma never matches a request: a slip, as in kind().
    expect(() => def(['GET,POST'])).toThrow(KindDefinitionError)
    expect(() => def(['G T'])).toThrow('"G T" is not a method token in custom kind "d"')
  })

  it('read a pattern without a method as a GET path, also when a static holds a space', () => {
    const Page = kind('/about us/:part')
    expect(Page.methods).toEqual(['GET'])
    expect(Page.href({ part: 'team' })).toBe('/about%20us/team')
    expect(Page.decode(bare('/about%20us/team'))).toEqual({
      outcome: 'match',
      value: { part: 'team' },
    })
  })

  it('expose the parsed pattern', () => {
    expect(patternOf(Post)?.segments.map((s) => s.type)).toEqual(['static', 'param'])
    expect(
      patternOf(defineKind({ name: 'x', encode: () => ({ path: [''] }), decode: () => undefined })),
    ).toBeUndefined()
  })

  it.each([
    ['no leading slash', () => kind('GET posts')],
    ['capture inside a segment', () => kind('GET /posts/:id.json')],
    ['duplicate capture', () => kind('GET /a/:x/:x')],
    ['rest not last', () => kind('GET /a/*rest/b')],
    ['empty middle segment', () => kind('GET /a//b')],
    // The URL parser resolves these before a server sees them: no request could ever match.
    ['a ".." segment', () => kind('GET /docs/../admin')],
    ['a "." segment', () => kind('GET /./a')],
    ['bad method token', () => kind('G(T /a')],
    ['codec without capture', () => kind('GET /a' as string, { b: int } as never)],
    // A type error too; untyped code gets the throw.
    ['capture and query key clash', () => kind('GET /a/:id', { query: { id: int } } as never)],
    // Query keys go under codecs.query: '/search?page' would be a static "search?page" that no
    // request for /search?page=2 could match.
    ['a query in the path', () => kind('GET /search?page')],
    ['a fragment in the path', () => kind('GET /docs#intro')],
    // Every href of such a kind would throw: UTF-8 cannot carry a lone surrogate.
    ['a static no URL can carry (a lone surrogate)', () => kind('GET /a/\uD800')],
    // The decoded value is a plain object: a `__proto__` key would set its prototype, not a field.
    ['a capture named __proto__', () => kind('GET /a/:__proto__')],
    ['a query key named __proto__', () => kind('GET /a', { query: { ['__proto__']: str } })],
  ])('refuse a bad definition: %s', (_name, make) => {
    expect(make).toThrow(KindDefinitionError)
  })

  // The spec's `query` key holds the query codecs, so such a capture could never be given a codec,
  // and with query keys its codec would be read from them ("needs a codec, got object"). Typed
  // code gets a type error (kind.test-d.ts): these are untyped patterns.
  it.each([
    ['a capture', () => kind('GET /search/:query' as string)],
    ['a rest capture', () => kind('GET /search/*query' as string)],
    [
      'a capture beside query keys',
      () => kind('GET /s/:query' as string, { query: { page: int } }),
    ],
  ])('refuse "query" as the name of %s, saying why', (_name, make) => {
    expect(make).toThrow(KindDefinitionError)
    expect(make).toThrow('a capture cannot be named "query": codecs.query holds the query codecs')
  })

  // The pattern form trimmed its path and the others did not: `GET /:id ` read a capture `id`
  // where its type said `id ` (and `GET /about ` was /about where `/about ` is /about%20).
  // Typed code gets a type error (kind.test-d.ts): these are untyped patterns.
  it.each([
    ['a capture', () => kind('GET /:id ' as string)],
    ['a static', () => kind('GET /about ' as string)],
    ['a pattern without a method', () => kind('/about\n' as string)],
    ['a path beside its methods', () => kind(['GET'], '/about\t' as string)],
  ])('refuse whitespace at the end of %s', (_name, make) => {
    expect(make).toThrow(KindDefinitionError)
    expect(make).toThrow('a path pattern cannot end with whitespace')
  })

  it('read spaces between the method and the path as one, so patterns may be aligned', () => {
    const Aligned = kind('GET    /posts/:id', { id: int })
    expect(Aligned.href({ id: 7 })).toBe('/posts/7')
    expect(Aligned.decode(bare('/posts/7'))).toEqual({ outcome: 'match', value: { id: 7 } })
  })

  it('throw KindEncodeError for unencodable values', () => {
    const U = kind('GET /u/:id', { id: uuid })
    expect(() => U.href({ id: 'nope' })).toThrow(KindEncodeError)
    expect(() => kind('GET /s/:s').href({ s: '..' })).toThrow(/cannot be/)
    expect(() => kind('GET /s/:s').href({ s: '' })).toThrow(KindEncodeError)
    expect(() => kind('GET /s/:s').href({ s: '\uD800' })).toThrow(/well-formed/)
    expect(() => kind('GET /s/:s').href({} as never)).toThrow(/missing parameter "s"/)
    // "//evil.example" would leave the site: never an href.
    expect(() => kind('GET /*p').href({ p: ['', 'evil.example'] })).toThrow(/names a host/)
    const doubleSlash = { method: 'GET', path: ['', 'evil.example'], query: new URLSearchParams() }
    expect(kind('GET /*p').decode(doubleSlash).outcome).toBe('none')
  })
})

describe('custom rest codecs', () => {
  // A rest capture as one string (a user's choice; the built-in keeps segments apart).
  const joined: RestCodec<string> = {
    name: 'joined',
    rest: true,
    decode: (segs) => segs.join('/'),
    encode: (v) => v.split('/'),
  }
  const Doc = kind('GET /docs/*path', { path: joined })

  it('round-trip through href', () => {
    expect(Doc.href({ path: 'guide/intro' })).toBe('/docs/guide/intro')
    expect(Doc.decode(bare('/docs/guide/intro'))).toEqual({
      outcome: 'match',
      value: { path: 'guide/intro' },
    })
  })

  it.each(['../admin', 'a/./b', 'a/..'])(
    'refuse to write the dot segments of %j: the URL parser would resolve them elsewhere',
    (path) => {
      // '/docs/../admin' is fetched as '/admin': a link to another kind.
      expect(() => Doc.href({ path })).toThrow(KindEncodeError)
      expect(() => Doc.encode({ path })).toThrow(/dot segment/)
    },
  )
})

describe('a hand-written codec whose decode throws', () => {
  // The Codec contract asks decode to answer undefined; a plain object literal may still throw
  // (BigInt('x') does). Kind.decode never throws: the throw reads as "no value".
  const big: Codec<bigint> = { name: 'big', decode: (s) => BigInt(s), encode: String }
  const tail: RestCodec<bigint[]> = {
    name: 'bigs',
    rest: true,
    decode: (segs) => segs.map((s) => BigInt(s)),
    encode: (v) => v.map(String),
  }
  const K = kind('GET /n/:n/*more', { n: big, more: tail, query: { m: big, o: optional(big) } })

  it.each([
    ['a capture', '/n/x/1?m=1', 'none'],
    ['a rest capture', '/n/1/2/x?m=1', 'none'],
    ['a plain query value', '/n/1?m=x', 'reject'],
    ['an optional query value', '/n/1?m=1&o=x', 'reject'],
    ['nothing', '/n/1/2?m=3', 'match'],
  ])('is read as no value in %s', (_name, url, outcome) => {
    expect(K.decode(bare(url)).outcome).toBe(outcome)
  })

  it('keeps working when it is a class instance with private fields', () => {
    class Radix implements Codec<number> {
      readonly name = 'radix'
      readonly #radix: number
      constructor(radix: number) {
        this.#radix = radix
      }
      decode(s: string) {
        const n = Number.parseInt(s, this.#radix)
        return n.toString(this.#radix) === s ? n : undefined
      }
      encode(n: number) {
        return n.toString(this.#radix)
      }
    }
    const Hex = kind('GET /h/:n', { n: new Radix(16), query: { m: new Radix(16) } })
    expect(Hex.href({ n: 255, m: 16 })).toBe('/h/ff?m=10')
    expect(Hex.decode(bare('/h/ff?m=10'))).toEqual({ outcome: 'match', value: { n: 255, m: 16 } })
  })
})

describe('names Object.prototype also has', () => {
  // A name is a capture or query key only when the spec or the value has it as its own property:
  // every object inherits `constructor` and `toString`.
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'a capture named %s takes str by default and round-trips',
    (name) => {
      const K = kind(`GET /a/:${name}` as string) as Kind<Record<string, string>>
      expect(K.href({ [name]: 'x' })).toBe('/a/x')
      expect(K.decode(bare('/a/x'))).toEqual({ outcome: 'match', value: { [name]: 'x' } })
      expect(() => K.href({})).toThrow(`missing parameter "${name}"`)
    },
  )

  it('an absent optional query key named constructor or toString is left out of the href', () => {
    const K = kind('GET /s', { query: { constructor: optional(str), toString: optional(int) } })
    // TypeScript reads `{}` as holding Object.prototype's `constructor`: hence the cast.
    expect(K.href({} as Parameters<typeof K.href>[0])).toBe('/s')
    expect(K.href({ constructor: 'c', toString: 2 })).toBe('/s?constructor=c&toString=2')
    expect(K.decode(bare('/s'))).toEqual({ outcome: 'match', value: {} })
  })
})

describe('query values no URL can carry', () => {
  // URLSearchParams turns a lone surrogate into U+FFFD (it holds USVStrings), so the server would
  // read back another value: the href must refuse it, as a path capture does.
  const Q = kind('GET /q', { query: { q: optional(str), l: list(str) } })

  it.each([
    ['a single value', { q: 'a\uD800', l: [] }],
    ['a list item', { l: ['ok', '\uDC00b'] }],
  ])('throw KindEncodeError for a lone surrogate in %s', (_name, v) => {
    expect(() => Q.href(v)).toThrow(KindEncodeError)
    expect(() => Q.encode(v)).toThrow(/well-formed/)
  })

  it('still carry astral characters (surrogate pairs) both ways', () => {
    const href = Q.href({ q: '😀', l: ['\uDBFF\uDFFF'] })
    expect(Q.decode(bare(href))).toEqual({
      outcome: 'match',
      value: { q: '😀', l: ['\uDBFF\uDFFF'] },
    })
  })
})

describe('custom kinds', () => {
  // Dates as /YYYY/MM/DD, rejecting impossible days with a 400 of its own.
  const Day = defineKind<{ y: number; m: number; d: number }>({
    name: 'day',
    methods: ['GET'],
    encode: ({ y, m, d }) => ({
      path: [String(y), String(m).padStart(2, '0'), String(d).padStart(2, '0')],
    }),
    decode(b) {
      if (b.path.length !== 3 || !b.path.every((s) => /^\d+$/.test(s))) return undefined
      const [y, m, d] = b.path.map(Number) as [number, number, number]
      if (m < 1 || m > 12) return reject(`month ${m} does not exist`)
      return match({ y, m, d })
    },
  })

  it('give all three outcomes', () => {
    expect(Day.decode(bare('/2024/02/09'))).toEqual({
      outcome: 'match',
      value: { y: 2024, m: 2, d: 9 },
    })
    expect(Day.decode(bare('/about')).outcome).toBe('none')
    const r = Day.decode(bare('/2024/13/01'))
    expect(r.outcome === 'reject' && r.response.status).toBe(400)
  })

  it('refuse an href with a dot segment, which the URL parser would resolve to another path', () => {
    const Up = defineKind<string>({
      name: 'up',
      encode: (s) => ({ path: ['files', s] }),
      decode: (b) => b.path[1],
    })
    expect(Up.href('x')).toBe('/files/x')
    // '/files/..' would be fetched as '/': a link to another resource.
    expect(() => Up.href('..')).toThrow(KindEncodeError)
    expect(() => Up.href('.')).toThrow(/dot segment/)
  })

  it('refuse to encode an empty path, which no URL has: "/" is [""]', () => {
    // Written for `[]` both ways, the pair still disagrees: `/` comes back as [''], not [].
    const Depth = defineKind<number>({
      name: 'depth',
      encode: (n) => ({ path: Array.from({ length: n }, () => 'd') }),
      decode: (b) => (b.path.every((s) => s === 'd') ? b.path.length : undefined),
    })
    expect(Depth.href(2)).toBe('/d/d')
    expect(() => Depth.href(0)).toThrow(KindEncodeError)
    expect(() => Depth.encode(0)).toThrow('kind "depth" encoded the path []: the root is [""]')
  })

  it('take a plain value that has an outcome field as the value', () => {
    const Result = defineKind<{ outcome: string }>({
      name: 'result',
      encode: ({ outcome }) => ({ path: ['results', outcome] }),
      decode: (b) =>
        b.path.length === 2 && b.path[0] === 'results' ? { outcome: b.path[1]! } : undefined,
    })
    expect(Result.decode(bare('/results/win'))).toEqual({
      outcome: 'match',
      value: { outcome: 'win' },
    })
    expect(Result.decode(bare('/results/reject'))).toEqual({
      outcome: 'match',
      value: { outcome: 'reject' },
    })
  })

  it('make hrefs and treat a throwing decode as not mine', () => {
    expect(Day.href({ y: 2024, m: 2, d: 9 })).toBe('/2024/02/09')
    const Throws = defineKind({
      name: 't',
      encode: () => ({ path: [''] }),
      decode: () => {
        throw new Error('x')
      },
    })
    expect(Throws.decode(bare('/')).outcome).toBe('none')
  })

  it('treat a decode that answers a promise (async, from untyped code) as not mine', async () => {
    // Read as a value, the promise was the route's params, and its rejection went unhandled:
    // a crash on Node (unhandled rejections throw since Node 15).
    const rejected: unknown[] = []
    const onRejection = (e: unknown) => rejected.push(e)
    process.on('unhandledRejection', onRejection)
    try {
      const Async = defineKind<{ id: number }>({
        name: 'async',
        encode: ({ id }) => ({ path: [String(id)] }),
        decode: (async () => {
          throw new Error('nope')
        }) as never,
      })
      expect(Async.decode(bare('/1'))).toEqual({ outcome: 'none' })
      // Let a rejection the kind left unhandled reach the process.
      await new Promise((r) => setTimeout(r, 10))
      expect(rejected).toEqual([])
    } finally {
      process.off('unhandledRejection', onRejection)
    }
  })
})

describe('toBare', () => {
  it('reads a string starting with "//" as a path, as a server receives it, not as a host', () => {
    expect(toBare('GET', '//evil.example/x?a=1')).toMatchObject({
      path: ['', 'evil.example', 'x'],
    })
    expect(toBare('GET', '//evil.example/x?a=1')?.query.get('a')).toBe('1')
    expect(kind('GET /*p').decode(toBare('GET', '//evil.example')!).outcome).toBe('none')
    expect(toBare('GET', 'https://h.example/a%2Fb/')?.path).toEqual(['a/b', ''])
  })
})

describe('malformed escapes', () => {
  it('make no bare request, so the router can answer 400', () => {
    expect(toBare('GET', '/posts/%zz')).toBeUndefined()
    expect(toBare('GET', '/posts/%E0%A4%A')).toBeUndefined()
    expect(toBare('GET', '/posts/%C3')).toBeUndefined()
  })
})

// Random patterns: static segments, typed captures and an optional rest, with query codecs;
// href output must route back to the same kind and value.
const captureCodecs: [Codec<any>, fc.Arbitrary<any>][] = [
  [str, fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => s !== '.' && s !== '..')],
  [int, fc.maxSafeInteger()],
  [uuid, fc.uuid()],
]
const segmentArb = fc.oneof(
  fc.record({
    type: fc.constant('static' as const),
    value: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
  }),
  fc.record({
    type: fc.constant('param' as const),
    codec: fc.integer({ min: 0, max: captureCodecs.length - 1 }),
  }),
)
const patternArb = fc.record({
  segments: fc.array(segmentArb, { minLength: 0, maxLength: 6 }),
  rest: fc.boolean(),
  query: fc.array(fc.constantFrom('opt', 'list', 'one'), { maxLength: 3 }),
})

function build(p: any) {
  const spec: Record<string, any> = { query: {} }
  const values: fc.Arbitrary<any>[] = []
  const names: string[] = []
  const parts = p.segments.map((s: any, i: number) => {
    if (s.type === 'static') return s.value
    const [codec, arb] = captureCodecs[s.codec]!
    spec[`p${i}`] = codec
    names.push(`p${i}`)
    values.push(arb)
    return `:p${i}`
  })
  if (p.rest) {
    const atRoot = parts.length === 0
    parts.push('*tail')
    names.push('tail')
    const seg = fc.string().filter((s) => s !== '.' && s !== '..')
    // At the root, [''] and [] would both be "/" (the empty list stands for it, see rest), and a
    // leading empty segment would make "//host", which joinPath refuses.
    values.push(fc.array(seg, { maxLength: 4 }).filter((a) => !atRoot || a[0] !== ''))
  }
  p.query.forEach((q: string, i: number) => {
    const name = `q${i}`
    names.push(name)
    if (q === 'opt') {
      spec.query[name] = optional(int)
      values.push(fc.option(fc.maxSafeInteger(), { nil: undefined }))
    } else if (q === 'list') {
      spec.query[name] = list(str)
      values.push(fc.array(fc.string(), { maxLength: 3 }))
    } else {
      spec.query[name] = str
      values.push(fc.string())
    }
  })
  const k = kind(`GET /${parts.join('/')}` as string, spec as never) as Kind<any>
  const value = fc.tuple(...values).map((vs) => {
    const o: Record<string, unknown> = {}
    names.forEach((n, i) => {
      if (vs[i] !== undefined) o[n] = vs[i]
    })
    return o
  })
  return { k, value }
}

describe('href round trips (property)', () => {
  it('decode(href(v)) matches v for random patterns and values', () => {
    fc.assert(
      fc.property(
        patternArb.chain((p) => {
          const { k, value } = build(p)
          return fc.tuple(fc.constant(k), value)
        }),
        ([k, v]) => {
          const href = k.href(v)
          // The URL parser must leave the canonical href alone, as a server will see it.
          const u = new URL(href, 'http://h')
          expect(u.pathname + u.search).toBe(href)
          expect(k.decode(bare(href))).toEqual({ outcome: 'match', value: v })
        },
      ),
      { numRuns: 1000 },
    )
  })
})
