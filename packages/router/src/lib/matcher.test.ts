import fc from 'fast-check'
import { int, kind, patternOf, splitPath, str } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createMatcher } from './create-matcher.js'
import { Matcher } from './matcher.js'
import { createRouter } from './router.js'

describe('createMatcher', () => {
  const m = createMatcher<string>()
  m.add(kind('GET /user/:name', { name: str }), 'by-name')
  m.add(kind('GET /user/:id', { id: int }), 'by-id')
  m.add(kind('GET /user/me'), 'me')
  m.add(kind('GET /static/*path'), 'static')
  m.add(kind('GET /'), 'root')

  it('lists static matches before captures before rests, registration order among equals', () => {
    expect(m.match('/user/me')!.map((c) => c.route)).toEqual(['me', 'by-name'])
    expect(m.match('/user/7')!.map((c) => c.route)).toEqual(['by-name', 'by-id'])
    expect(m.match('/user/7')![1]!.params).toEqual({ id: 7 })
  })

  it('matches the root, rests and misses', () => {
    expect(m.match('/')!.map((c) => c.route)).toEqual(['root'])
    expect(m.match('/static/a/b')![0]!.params).toEqual({ path: ['a', 'b'] })
    expect(m.match('/nope')).toEqual([])
    expect(m.match('/user/%zz')).toBeUndefined()
  })

  it('matchFirst is the first match whose kind allows the method', () => {
    const f = createMatcher<string>()
    f.add(kind('POST /user/me'), 'post-me')
    f.add(kind('GET /user/:id', { id: int }), 'by-id')
    f.add(kind(['GET', 'PUT'], '/user/:name'), 'by-name')
    f.add(kind('* /any/:x'), 'any')
    expect(f.matchFirst('GET', '/user/me')?.route).toBe('by-name')
    expect(f.matchFirst('POST', '/user/me')?.route).toBe('post-me')
    expect(f.matchFirst('GET', '/user/7')).toEqual({ route: 'by-id', params: { id: 7 } })
    expect(f.matchFirst('HEAD', '/user/7')?.route).toBe('by-id')
    expect(f.matchFirst('PUT', '/user/7')).toEqual({ route: 'by-name', params: { name: '7' } })
    expect(f.matchFirst('DELETE', '/user/7')).toBeUndefined()
    expect(f.matchFirst('PATCH', '/any/1')?.route).toBe('any')
    expect(f.matchFirst('GET', '/user/m%65')?.route).toBe('by-name')
    expect(f.matchFirst('GET', '/user/%zz')).toBeUndefined()
  })

  it('tells static paths of the same length and last char apart, however long', () => {
    const f = createMatcher<string>()
    const long = `/${'x'.repeat(70)}`
    const sixtyFourShorter = `/${'y'.repeat(5)}x`
    f.add(kind('GET /ab'), 'ab')
    f.add(kind('GET /cb'), 'cb')
    f.add(kind(`GET ${long}`), 'long')
    f.add(kind(`GET ${sixtyFourShorter}`), 'short')
    f.add(kind('GET /:x'), 'x')
    expect(f.matchFirst('GET', '/ab')?.route).toBe('ab')
    expect(f.matchFirst('GET', '/cb')?.route).toBe('cb')
    expect(f.matchFirst('GET', '/db')).toEqual({ route: 'x', params: { x: 'db' } })
    expect(f.matchFirst('GET', long)?.route).toBe('long')
    expect(f.matchFirst('GET', sixtyFourShorter)?.route).toBe('short')
    expect(f.matchFirst('GET', `/${'y'.repeat(69)}x`)?.route).toBe('x')
    expect(f.matchFirst('GET', '/a%62')?.route).toBe('ab')
  })

  it('matchFirst decodes escapes in statics, captures and rests before it decides', () => {
    expect(m.matchFirst('GET', '/us%65r/me')?.route).toBe('me')
    expect(m.matchFirst('GET', '/user/b%6Fb')).toEqual({
      route: 'by-name',
      params: { name: 'bob' },
    })
    expect(m.matchFirst('GET', '/static/a%2Fb/c')).toEqual({
      route: 'static',
      params: { path: ['a/b', 'c'] },
    })
    expect(m.matchFirst('GET', '/static/%zz')).toBeUndefined()
  })

  it('decodes non-canonical escapes of static segments', () => {
    expect(m.match('/user/m%65')!.map((c) => c.route)).toEqual(['me', 'by-name'])
  })
})

describe('the router dispatches to the first candidate that allows the method', () => {
  const app = createRouter()
    .route(kind('GET /user/me'), () => 'me')
    .route(kind('GET /user/:id', { id: int }), (c) => `id ${c.params.id}`)
    .route(kind(['GET', 'DELETE'], '/user/:name'), (c) => `${c.params.name} ${c.allow}`)
    .route(kind('PUT /user/:name'), (c) => `put ${c.allow}`)

  it.each([
    ['GET', '/user/me', 200, 'me'],
    ['GET', '/user/7', 200, 'id 7'],
    ['GET', '/user/bob', 200, 'bob GET, DELETE, PUT, HEAD, OPTIONS'],
    ['PUT', '/user/bob', 200, 'put GET, DELETE, PUT, HEAD, OPTIONS'],
    ['PATCH', '/user/bob', 405, ''],
    ['GET', '/user/bob/', 308, ''],
    ['GET', '/nobody', 404, ''],
  ])('%s %s is %i', async (method, path, status, body) => {
    const res = await app.request(path, { method, redirect: 'manual' })
    expect(res.status).toBe(status)
    if (status === 200) expect(await res.text()).toBe(body)
    if (status === 405) expect(res.headers.get('allow')).toBe('GET, DELETE, PUT, HEAD, OPTIONS')
  })

  it.each([
    ['with a query', '/user/bob?x=1', undefined],
    ['under an embedding basePath', '/api/user/bob', { basePath: '/api' }],
  ])('lists Allow for the plain route that answered, %s', async (_, path, ctx) => {
    const res = await app.request(path, undefined, undefined, ctx)
    expect(await res.text()).toBe('bob GET, DELETE, PUT, HEAD, OPTIONS')
  })
})

describe('router property: every href routes back to its kind and value', () => {
  const Post = kind('GET /posts/:id', { id: int })
  const Tag = kind('GET /tags/:tag/posts/:page', { tag: str, page: int })
  const File = kind('GET /files/*path')
  const sub = createRouter().route(Tag, (c) => ({ kind: 'tag', v: c.params }))
  const app = createRouter()
    .route(Post, (c) => ({ kind: 'post', v: c.params }))
    .route(File, (c) => ({ kind: 'file', v: c.params }))
    .mount('/blog', sub)
  const seg = fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => s !== '.' && s !== '..')

  it('over random values, mounted or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: fc.constant('post'), v: fc.record({ id: fc.maxSafeInteger() }) }),
          fc.record({ kind: fc.constant('tag'), v: fc.record({ tag: seg, page: fc.nat() }) }),
          fc.record({
            kind: fc.constant('file'),
            v: fc.record({
              path: fc.array(
                fc.string().filter((s) => s !== '.' && s !== '..'),
                { maxLength: 4 },
              ),
            }),
          }),
        ),
        async (x) => {
          const k = x.kind === 'post' ? Post : x.kind === 'tag' ? Tag : File
          const href = app.href(k as typeof Post, x.v as never)
          const res = await app.request(href)
          expect(res.status).toBe(200)
          expect(await res.json()).toEqual(x)
        },
      ),
      { numRuns: 1000 },
    )
  }, 120_000)
})

describe('the in-place walk agrees with the split walk', () => {
  const routes = [
    kind('GET /'),
    kind('GET /a'),
    kind('GET /a/'),
    kind('GET /a/:x'),
    kind('GET /a/:x/b'),
    kind('GET /a/b'),
    kind('GET /:x/:y', { x: int }),
    kind('GET /*rest'),
    kind('GET /a/*rest'),
    kind('GET /.well-known/:name'),
    kind('POST /a/:x'),
    kind(['PUT', 'GET'], '/a/b'),
    kind('* /any/*rest'),
    kind('DELETE /:x/:y'),
    kind('* /a'),
  ]
  const m = new Matcher<number>()
  for (const [i, k] of routes.entries()) m.add(patternOf(k)!.segments, i, 0, k.methods)
  const segment = fc.oneof(
    fc.constantFrom('', '.', '..', 'a', 'b', '1', '.well-known', '007'),
    fc.stringMatching(/^[a-z0-9._~-]{0,4}$/),
  )

  it('for random escape-free paths', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segs) => {
        const raw = `/${segs.join('/')}`
        const strip = (cs: readonly { route: number; params: unknown }[]) =>
          cs.map((c) => [c.route, c.params])
        expect(strip(m.matchPath(raw)!)).toEqual(strip(m.match(splitPath(raw)!)))
      }),
      { numRuns: 2000 },
    )
  })

  it('first is the first candidate allowing the method, null only without any candidate', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'),
        (segs, method) => {
          const raw = `/${segs.join('/')}`
          const all = m.matchPath(raw)!
          const want = m.matchPath(raw, method)![0]
          const got = m.first(method, raw)
          if (got === null) expect(all).toEqual([])
          else if (got === undefined) expect(want).toBeUndefined()
          else expect([got.route, got.params]).toEqual([want?.route, want?.params])
        },
      ),
      { numRuns: 3000 },
    )
  })
})
