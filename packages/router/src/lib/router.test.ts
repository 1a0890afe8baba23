import { defineKind, int, kind, optional, reject, rest } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { HttpError } from './http-error.js'
import { createLightResponse } from './light-response.js'
import { createRouter } from './router.js'
import type { Layer } from './types.js'

describe('layers', () => {
  it('run as an onion, in the order they were added, around 404s too', async () => {
    const log: string[] = []
    const tag =
      (name: string): Layer =>
      async (_c, next) => {
        log.push(`${name} in`)
        const res = await next()
        log.push(`${name} out`)
        return res
      }
    const app = createRouter()
      .use(tag('a'), tag('b'))
      .route(kind('GET /'), () => {
        log.push('handler')
        return 'ok'
      })
    await app.request('/')
    expect(log).toEqual(['a in', 'b in', 'handler', 'b out', 'a out'])
    log.length = 0
    expect((await app.request('/missing')).status).toBe(404)
    expect(log).toEqual(['a in', 'b in', 'b out', 'a out'])
  })

  it('may short-circuit: inner layers and the handler do not run', async () => {
    let ran = false
    const app = createRouter()
      .use((c, next) =>
        c.request.headers.has('x-block') ? new Response('blocked', { status: 429 }) : next(),
      )
      .route(kind('GET /'), () => {
        ran = true
        return 'ok'
      })
    const res = await app.request('/', { headers: { 'x-block': '1' } })
    expect(res.status).toBe(429)
    expect(ran).toBe(false)
  })

  it('add typed fields that later layers and handlers see', async () => {
    const requestId: Layer<{}, { requestId: string }> = (_c, next) => next({ requestId: 'r-1' })
    const user: Layer<{ requestId: string }, { user: string }> = (c, next) =>
      next({ user: `u(${c.requestId})` })
    const app = createRouter()
      .use(requestId)
      .use(user)
      .route(kind('GET /'), (c) => `${c.requestId} ${c.user}`)
    expect(await (await app.request('/')).text()).toBe('r-1 u(r-1)')
  })

  it('see the matched route and the path Allow before the handler runs', async () => {
    const seen: unknown[] = []
    const app = createRouter()
      .use((c, next) => {
        seen.push(c.route?.name, c.allow)
        return next()
      })
      .route(kind('GET /a/:id'), () => 'a')
    await app.request('/a/1')
    await app.request('/zzz')
    expect(seen).toEqual(['GET /a/:id', 'GET, HEAD, OPTIONS', undefined, undefined])
  })

  it('may change the response on the way out', async () => {
    const app = createRouter()
      .use(async (_c, next) => {
        const res = await next()
        const h = new Headers(res.headers)
        h.set('x-served-by', 'ferry')
        return new Response(res.body, { status: res.status, headers: h })
      })
      .route(kind('GET /'), () => 'ok')
    expect((await app.request('/')).headers.get('x-served-by')).toBe('ferry')
  })

  it('an error thrown by a layer reaches onError', async () => {
    const app = createRouter()
      .use(() => {
        throw new Error('layer broke')
      })
      .onError((e) => ({ caught: (e as Error).message }))
    expect(await (await app.request('/')).json()).toEqual({ caught: 'layer broke' })
  })
})

describe('resources', () => {
  it('open lazily once, are on the context, and close in reverse order', async () => {
    const log: string[] = []
    const app = createRouter()
      .provide(
        'db',
        async () => {
          log.push('open db')
          return { query: () => 42 }
        },
        () => {
          log.push('close db')
        },
      )
      .provide(
        'cache',
        () => {
          log.push('open cache')
          return new Map<string, number>()
        },
        () => {
          log.push('close cache')
        },
      )
      .route(kind('GET /'), (c) => ({ n: c.db.query(), size: c.cache.size }))
    expect(log).toEqual([])
    const [a, b] = await Promise.all([app.request('/'), app.request('/')])
    expect(await a.json()).toEqual({ n: 42, size: 0 })
    expect(b.status).toBe(200)
    expect(log).toEqual(['open db', 'open cache'])
    await app.close()
    expect(log).toEqual(['open db', 'open cache', 'close cache', 'close db'])
    const after = await app.request('/')
    expect(after.status).toBe(503)
  })

  it('provided twice across a mount: start() rejects, and fetch answers 500 without throwing', async () => {
    const admin = createRouter().provide('db', () => 2)
    const app = createRouter()
      .provide('db', () => 1)
      .route(kind('GET /'), () => 'ok')
      .mount('/admin', admin)
    await expect(app.start()).rejects.toThrow('resource "db" is provided twice')
    const errors: unknown[][] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      const res = await app.request('/')
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect((await app.request('/')).status).toBe(500)
      // RFC 9110 §9.3.2: a HEAD gets the GET's status and headers, without its body.
      const head = await app.request('/', { method: 'HEAD' })
      expect(head.status).toBe(500)
      expect(head.headers.get('content-type')).toBe('application/problem+json')
      expect(head.headers.get('content-length')).toBe(String((await res.clone().text()).length))
      expect(head.body).toBeNull()
    } finally {
      console.error = original
    }
    // Logged once, not on every request.
    expect(errors).toHaveLength(1)
    expect(String(errors[0]?.[1])).toContain('provided twice')
  })

  it('open at start() when asked', async () => {
    let opened = 0
    const app = createRouter().provide('x', () => ++opened)
    await app.start()
    expect(opened).toBe(1)
    await app.close()
  })

  it('that fail to open close the ones already opened, answer 500, and retry next time', async () => {
    const log: string[] = []
    let fail = true
    const app = createRouter()
      .provide(
        'a',
        () => log.push('open a'),
        () => log.push('close a'),
      )
      .provide('b', () => {
        if (fail) throw new Error('b unavailable')
        log.push('open b')
        return 1
      })
      .route(kind('GET /'), () => 'ok')
      .onError(() => new Response('down', { status: 500 }))
    expect((await app.request('/')).status).toBe(500)
    expect(log).toEqual(['open a', 'close a'])
    fail = false
    expect((await app.request('/')).status).toBe(200)
    expect(log).toEqual(['open a', 'close a', 'open a', 'open b'])
  })

  it('close every resource even when one close throws, then report all failures', async () => {
    const closed: string[] = []
    const app = createRouter()
      .provide(
        'a',
        () => 1,
        () => closed.push('a'),
      )
      .provide(
        'b',
        () => 2,
        () => {
          throw new Error('b stuck')
        },
      )
    await app.start()
    await expect(app.close()).rejects.toThrow(AggregateError)
    expect(closed).toEqual(['a'])
  })
})

describe('mounts and href', () => {
  const User = kind('GET /users/:id', { id: int })
  const AdminHome = kind('GET /')
  const Home = kind('GET /')
  const admin = createRouter()
    .use<{ area: string }>((_c, next) => next({ area: 'admin' }))
    .route(AdminHome, (c) => `admin home, user link ${c.href(User, { id: 3 })} (${c.area})`)
    .route(User, (c) => ({
      id: c.params.id,
      self: c.href(User, c.params),
      abs: c.url(User, c.params),
    }))
  const app = createRouter()
    .route(Home, (c) => c.href(AdminHome))
    .mount('/admin', admin)

  it('serve mounted kinds under the prefix, with the child layers', async () => {
    expect(await (await app.request('/admin/users/5')).json()).toEqual({
      id: 5,
      self: '/admin/users/5',
      abs: 'http://localhost/admin/users/5',
    })
    expect(await (await app.request('/admin')).text()).toBe(
      'admin home, user link /admin/users/3 (admin)',
    )
  })

  it('make mount-aware hrefs from the app and from handlers', async () => {
    expect(app.href(User, { id: 9 })).toBe('/admin/users/9')
    expect(app.href(AdminHome)).toBe('/admin')
    expect(app.href(Home)).toBe('/')
    expect(await (await app.request('/')).text()).toBe('/admin')
  })

  it('refuse href for a kind the app does not route', () => {
    expect(() => app.href(kind('GET /elsewhere'))).toThrow(/not routed/)
  })

  it('redirect the trailing-slash form of the mount root to it', async () => {
    const res = await app.request('/admin/')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/admin')
  })

  it('list every route with its full path', () => {
    expect(app.routes().map((r) => r.path)).toEqual(['/', '/admin', '/admin/users/:id'])
  })

  it('put an embedding basePath in front of routing and hrefs', async () => {
    const res = await app.request('/api/admin/users/5', undefined, undefined, { basePath: '/api' })
    expect(await res.json()).toMatchObject({ self: '/api/admin/users/5' })
    expect((await app.request('/other', undefined, undefined, { basePath: '/api' })).status).toBe(
      404,
    )
  })

  it('read an embedding basePath with a trailing slash as the same prefix, in hrefs too', async () => {
    const res = await app.request('/api/admin/users/5', undefined, undefined, { basePath: '/api/' })
    expect(await res.json()).toMatchObject({ self: '/api/admin/users/5' })
    const slash = await app.request('/api/admin/', undefined, undefined, { basePath: '/api//' })
    expect(slash.headers.get('location')).toBe('/api/admin')
  })

  it('refuse a prefix with captures', () => {
    expect(() => createRouter().mount('/:id', admin)).toThrow(/static prefix/)
  })

  // URL parsing resolves dot segments (also spelled %2e) before a request is routed, so no path
  // can reach such a prefix.
  it.each(['/.', '/..', '/a/./b', '/a/..', '/%2e', '/%2E', '/.%2e', '/%2e%2E/x', '/%2e.'])(
    'refuse the prefix %s, which holds a dot segment',
    (prefix) => {
      expect(() => createRouter().mount(prefix, admin)).toThrow(
        `mount() takes a static prefix like "/admin", with no capture, empty, "." or ".." segment (%2e is "."), got ${JSON.stringify(prefix)}`,
      )
    },
  )

  // A prefix is decoded path text, as a pattern's static segments are: hrefs escape it.
  it('write a prefix with characters a path escapes in its canonical form, which routes back', async () => {
    const X = kind('GET /x')
    const Y = kind('GET /y/:n', { n: int })
    const app = createRouter()
      .mount(
        '/%61dmin',
        createRouter().route(X, () => 'percent'),
      )
      .mount(
        '/a b',
        createRouter().route(Y, (c) => `space ${c.params.n}`),
      )
    expect(app.href(X)).toBe('/%2561dmin/x')
    expect(await (await app.request(app.href(X))).text()).toBe('percent')
    expect((await app.request('/admin/x')).status).toBe(404)
    expect(app.href(Y, { n: 2 })).toBe('/a%20b/y/2')
    expect(await (await app.request(app.href(Y, { n: 2 }))).text()).toBe('space 2')
    expect(app.routes().map((r) => r.path)).toEqual(['/%61dmin/x', '/a b/y/:n'])
  })

  // Hrefs escape the prefix, which a lone surrogate cannot be: refused at once, as patterns refuse it.
  it('refuse a prefix that is not well-formed Unicode', () => {
    expect(() => createRouter().mount('/a\uD800', admin)).toThrow(
      'mount() takes a prefix of well-formed Unicode, got "/a\\ud800"',
    )
  })

  it('take a prefix whose segments only contain dots', async () => {
    const app = createRouter()
      .mount(
        '/.well-known',
        createRouter().route(kind('GET /x'), () => 'wk'),
      )
      .mount(
        '/...',
        createRouter().route(kind('GET /x'), () => 'dots'),
      )
    expect(await (await app.request('/.well-known/x')).text()).toBe('wk')
    expect(await (await app.request('/.../x')).text()).toBe('dots')
  })

  it("answer an error of a mounted router's layer with that router's onError", async () => {
    const area = createRouter()
      .use(() => {
        throw new Error('area layer failed')
      })
      .route(kind('GET /x'), () => 'x')
      .onError(() => new Response('area onError', { status: 503 }))
    const site = createRouter()
      .mount('/area', area)
      .onError(() => new Response('site onError', { status: 500 }))
    const res = await site.request('/area/x')
    expect(res.status).toBe(503)
    expect(await res.text()).toBe('area onError')
  })

  it('use the deepest notFound whose prefix fits', async () => {
    const api = createRouter().notFound(() => ({ error: 'no such api' }))
    const site = createRouter()
      .mount('/api', api)
      .notFound(() => 'page not found')
    expect(await (await site.request('/api/nope')).json()).toEqual({ error: 'no such api' })
    expect(await (await site.request('/nope')).text()).toBe('page not found')
  })

  it("read the path decoded when they choose a mount's notFound, as routing does", async () => {
    const api = createRouter()
      .route(kind('GET /x'), () => 'x')
      .notFound(() => 'no such api')
    const site = createRouter()
      .mount('/api', api)
      .notFound(() => 'page not found')
    // `/%61pi/x` is `/api/x`: routed there, so its 404 is the mount's too.
    expect(await (await site.request('/%61pi/x')).text()).toBe('x')
    expect(await (await site.request('/%61pi/nope')).text()).toBe('no such api')
    // Nor does the embedding take a path that the mount's notFound answers.
    const ctx = { onNotFound: () => new Response('host') }
    const bare = createRouter().mount('/api', api)
    expect(await (await bare.request('/%61pi/nope', undefined, undefined, ctx)).text()).toBe(
      'no such api',
    )
  })
})

describe('trailing slash', () => {
  const Docs = kind('GET /docs/')
  const Page = kind('GET /page/:n', { n: int })
  it('redirects 308 to the canonical form by default, keeping the query', async () => {
    const app = createRouter()
      .route(Docs, () => 'docs')
      .route(Page, () => 'page')
    const a = await app.request('/page/1/?x=1')
    expect(a.status).toBe(308)
    expect(a.headers.get('location')).toBe('/page/1?x=1')
    expect((await app.request('/docs')).headers.get('location')).toBe('/docs/')
  })

  it('is a 404 when strict, and served when lenient', async () => {
    const strict = createRouter({ trailingSlash: 'strict' }).route(Page, () => 'page')
    expect((await strict.request('/page/1/')).status).toBe(404)
    const lenient = createRouter({ trailingSlash: 'lenient' }).route(Page, () => 'page')
    expect(await (await lenient.request('/page/1/')).text()).toBe('page')
  })

  it('redirects an escaped path to its canonical spelling, with custom kinds too', async () => {
    const Name = kind('GET /name/:s')
    const Any = defineKind<string>({
      name: 'any',
      encode: (v) => ({ method: 'GET', path: ['custom', v], query: new URLSearchParams() }),
      decode: (b) =>
        b.path.length === 2 && b.path[0] === 'custom' && b.path[1] !== ''
          ? { outcome: 'match', value: b.path[1]! }
          : { outcome: 'none' },
      rootIs: 'file',
    })
    const app = createRouter()
      .route(Name, (c) => c.params.s)
      .route(Any, (c) => c.params)
    const a = await app.request('/name/caf%c3%a9/')
    expect([a.status, a.headers.get('location')]).toEqual([308, '/name/caf%C3%A9'])
    const b = await app.request('/custom/a%2Fb/')
    expect([b.status, b.headers.get('location')]).toEqual([308, '/custom/a%2Fb'])
    expect(await (await app.request('/name/a%2Fb%25')).text()).toBe('a/b%')
    expect((await app.request('/name/%zz/')).status).toBe(400)
  })

  it('redirects to the href spelling when the path holds characters URL parsing leaves raw', async () => {
    // WHATWG URL keeps `[`, `]`, `^` and `|` in a path as they are; `href` escapes them (decision 002 §5).
    const Name = kind('GET /name/:s')
    const app = createRouter().route(Name, (c) => c.params.s)
    const res = await app.request('/name/a[1]^|/?x=1')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe(`${app.href(Name, { s: 'a[1]^|' })}?x=1`)
  })

  it('never redirects to a protocol-relative //host location', async () => {
    const app = createRouter().route(kind('GET /*path'), (c) => c.params.path.join('|'))
    const res = await app.request(new Request('http://localhost//evil.example/'))
    expect(res.status).toBe(404)
  })
})

describe('return values', () => {
  const cases: [string, unknown, number, string | null][] = [
    ['a string as text', 'hello', 200, 'text/plain; charset=utf-8'],
    ['a plain object as JSON', { a: 1 }, 200, 'application/json'],
    ['an array as JSON', [1, 2], 200, 'application/json'],
    ['null as JSON', null, 200, 'application/json'],
    ['bytes as octet-stream', new Uint8Array([1, 2]), 200, 'application/octet-stream'],
    ['a stream as octet-stream', new Blob(['x']).stream(), 200, 'application/octet-stream'],
    ['undefined as 204', undefined, 204, null],
  ]
  it.each(cases)('turns %s', async (_n, value, status, type) => {
    const app = createRouter().route(kind('GET /'), () => value as never)
    const res = await app.request('/')
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe(type)
  })

  it('refuses a Map with a clear 500 through onError', async () => {
    const app = createRouter()
      .route(kind('GET /'), () => new Map() as never)
      .onError((e) => ({ message: (e as Error).message }))
    expect(await (await app.request('/')).json()).toEqual({
      message:
        'a handler returned a Map; return a Response, a string, bytes, a stream, a plain object or an array',
    })
  })

  it('keeps repeated headers of a returned Response', async () => {
    const app = createRouter().route(kind('GET /'), () => {
      const h = new Headers()
      h.append('set-cookie', 'a=1')
      h.append('set-cookie', 'b=2')
      return new Response('x', { headers: h })
    })
    expect((await app.request('/')).headers.getSetCookie()).toEqual(['a=1', 'b=2'])
  })

  it('redirects to a kind with c.redirect', async () => {
    const Target = kind('GET /t/:id', { id: int })
    const app = createRouter()
      .route(kind('GET /'), (c) => c.redirect(Target, { id: 1 }, 303))
      .route(Target, () => 't')
    const res = await app.request('/')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/t/1')
  })
})

describe('custom kinds in the router', () => {
  const Day = defineKind<{ y: number; m: number }>({
    name: 'month',
    methods: ['GET'],
    encode: ({ y, m }) => ({ path: ['archive', String(y), String(m)] }),
    decode(b) {
      const [a, y, m] = b.path
      if (b.path.length !== 3 || a !== 'archive' || !/^\d+$/.test(y!) || !/^\d+$/.test(m!))
        return undefined
      if (Number(m) > 12) return reject('no such month')
      return { y: Number(y), m: Number(m) }
    },
  })
  const app = createRouter()
    .route(Day, (c) => `${c.params.y}-${c.params.m}`)
    .route(kind('GET /files/*p', { p: rest }), (c) => c.params.p.join(','))

  it('match, pass, and reject with their own response', async () => {
    expect(await (await app.request('/archive/2024/5')).text()).toBe('2024-5')
    expect((await app.request('/archive/x/5')).status).toBe(404)
    expect((await app.request('/archive/2024/13')).status).toBe(400)
    expect((await app.request('/archive/2024/5', { method: 'POST' })).status).toBe(405)
    expect(app.href(Day, { y: 2024, m: 5 })).toBe('/archive/2024/5')
  })

  it('sit beside pattern kinds', async () => {
    expect(await (await app.request('/files/a/b%2Fc')).text()).toBe('a,b/c')
  })

  it('that answer GET answer HEAD even when their decode checks for GET', async () => {
    const Feed = defineKind<string>({
      name: 'feed',
      methods: ['POST', 'GET'],
      encode: (v) => ({ method: 'GET', path: ['feed', v] }),
      decode: (b) =>
        b.method === 'GET' && b.path.length === 2 && b.path[0] === 'feed' ? b.path[1] : undefined,
    })
    const feeds = createRouter().route(Feed, (c) => `feed ${c.params}`)
    const res = await feeds.request('/feed/news', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('9')
    expect(await res.text()).toBe('')
  })
})

describe('request()', () => {
  it('takes a path starting with // as a path on localhost, not as a host', async () => {
    // A layer answers every path with the URL it was asked for.
    const app = createRouter().use((c) => new Response(c.request.url))
    expect(await (await app.request('//evil.example/x')).text()).toBe(
      'http://localhost//evil.example/x',
    )
    expect(await (await app.request('//')).text()).toBe('http://localhost//')
    expect(await (await app.request('http://other.example/y')).text()).toBe(
      'http://other.example/y',
    )
  })

  it('asks for a path without its fragment, as a client sends it', async () => {
    const app = createRouter().route(
      kind('GET /posts/:id', { id: int, query: { rev: optional(int) } }),
      (c) => c.params,
    )
    expect(await (await app.request('/posts/7#comments')).json()).toEqual({ id: 7 })
    expect(await (await app.request('/posts/7?rev=2#top')).json()).toEqual({ id: 7, rev: 2 })
    expect(await (await app.request('/posts/7#x?rev=2')).json()).toEqual({ id: 7 })
  })

  it('applies init to a Request, as fetch(request, init) does', async () => {
    const app = createRouter()
      .route(kind('GET /x'), () => 'got')
      .route(kind('POST /x'), (c) => `posted ${c.request.headers.get('x-y')}`)
    const req = new Request('http://localhost/x')
    const res = await app.request(req, { method: 'POST', headers: { 'x-y': '1' } })
    expect(await res.text()).toBe('posted 1')
    expect(await (await app.request(req)).text()).toBe('got')
  })
})

describe('HEAD and layers', () => {
  it('lets layers see the full GET response before the body is dropped', async () => {
    let seenBody = ''
    const app = createRouter()
      .use(async (_c, next) => {
        const res = await next()
        seenBody = await res.clone().text()
        return res
      })
      .route(kind('GET /'), () => 'hello')
    const res = await app.request('/', { method: 'HEAD' })
    expect(seenBody).toBe('hello')
    expect(res.headers.get('content-length')).toBe('5')
    expect(await res.text()).toBe('')
  })

  it('says Content-Length: 0 for its own redirects, GET and HEAD, and passes other empty answers on', async () => {
    const Doc = kind('GET /doc')
    const app = createRouter()
      .route(Doc, () => 'doc')
      .route(kind('GET /old'), (c) => c.redirect(Doc, {}, 301))
      // A null body in a HEAD answer may stand for a GET body of unknown length (a layer such
      // as serveStatic answers HEAD so): the router cannot tell, and adds no length.
      .route(kind('GET /empty'), () => new Response(null))
      .route(kind('HEAD /probe'), () => new Response(null, { headers: { etag: '"1"' } }))
    const get = await app.request('/old')
    const heads = await Promise.all(
      ['/old', '/empty', '/probe'].map((p) => app.request(p, { method: 'HEAD' })),
    )
    expect(get.headers.get('content-length')).toBe('0')
    expect(heads.map((h) => [h.status, h.headers.get('content-length')])).toEqual([
      [301, '0'],
      [200, null],
      [200, null],
    ])
  })

  it('says Content-Length: 0 for the HEAD of a trailing-slash redirect', async () => {
    const app = createRouter().route(kind('GET /posts'), () => 'posts')
    const head = await app.request('/posts/', { method: 'HEAD' })
    expect(head.status).toBe(308)
    expect(head.headers.get('location')).toBe('/posts')
    expect(head.headers.get('content-length')).toBe('0')
  })

  // RFC 9110 §9.3.2: a HEAD answer has the headers GET would have and no content, whoever answers.
  it.each([
    ['404', '/nope', 404],
    ['405', '/form', 405],
    ['malformed path', '/%zz', 400],
    ['notFound handler', '/custom/x', 200],
    ['layer error', '/fail', 500],
  ] as const)(
    'sends no body with a HEAD answered by the framework (%s)',
    async (_n, path, status) => {
      const app = createRouter()
        .use((c, next) => {
          if (new URL(c.request.url).pathname === '/fail') throw new Error('layer failed')
          return next()
        })
        .route(kind('POST /form'), () => 'posted')
        .route(kind('GET /fail'), () => 'never')
        .mount(
          '/custom',
          createRouter().notFound(() => 'custom not found'),
        )
        .onError(() => new Response('failed', { status: 500 }))
      const get = await app.request(path)
      const head = await app.request(path, { method: 'HEAD' })
      expect(head.status).toBe(status)
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
      expect(head.headers.get('allow')).toBe(get.headers.get('allow'))
      expect(await head.text()).toBe('')
    },
  )

  it('sends no body with a HEAD outside the embedding basePath', async () => {
    const bare = createRouter().route(kind('GET /'), () => 'home')
    const custom = createRouter().notFound(() => 'not here')
    for (const app of [bare, custom]) {
      const get = await app.request('/elsewhere', undefined, undefined, { basePath: '/api' })
      const head = await app.request('/elsewhere', { method: 'HEAD' }, undefined, {
        basePath: '/api',
      })
      expect(head.status).toBe(get.status)
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
      expect(head.headers.get('content-length')).toBe(String((await get.arrayBuffer()).byteLength))
      expect(await head.text()).toBe('')
    }
  })

  it("sends no body with a HEAD that an app without routes answers from a layer (a static file's 416)", async () => {
    const app = createRouter().use(
      () =>
        new Response('{"status":416}', { status: 416, headers: { 'content-range': 'bytes */4' } }),
    )
    const head = await app.request('/a.txt', { method: 'HEAD', headers: { range: 'bytes=9-' } })
    expect(head.status).toBe(416)
    expect(head.headers.get('content-range')).toBe('bytes */4')
    expect(await head.text()).toBe('')
  })

  it('sends no body with a HEAD answered 503 after close() or 500 when a resource fails', async () => {
    const closed = createRouter()
      .provide('db', () => 1)
      .route(kind('GET /'), () => 'ok')
    await closed.close()
    const res = await closed.request('/', { method: 'HEAD' })
    expect(res.status).toBe(503)
    expect(await res.text()).toBe('')
    const broken = createRouter()
      .provide('db', () => {
        throw new Error('no db')
      })
      .route(kind('GET /'), () => 'ok')
      .onError(() => new Response('failed', { status: 500 }))
    const failed = await broken.request('/', { method: 'HEAD' })
    expect(failed.status).toBe(500)
    expect(await failed.text()).toBe('')
  })

  it('answers an HttpError thrown by a layer as its problem', async () => {
    const app = createRouter()
      .use(() => {
        throw new HttpError(429, {
          detail: 'slow down',
          step: 'rate-limit',
          headers: { 'retry-after': '1' },
        })
      })
      .route(kind('GET /'), () => 'ok')
    const res = await app.request('/')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('1')
    // A `step` the thrower names is kept when no dispatch step answered.
    expect(await res.json()).toMatchObject({ status: 429, detail: 'slow down', step: 'rate-limit' })
  })
})

describe('embedding hooks', () => {
  it('hands an unmatched path to ctx.onNotFound, outside the app layers', async () => {
    let layerRan = false
    const app = createRouter()
      .use((_c, next) => {
        layerRan = true
        return next()
      })
      .route(kind('GET /mine'), () => 'mine')
    const ctx = { basePath: '/api/', onNotFound: () => new Response('host app', { status: 200 }) }
    expect(await (await app.request('/api/other', undefined, undefined, ctx)).text()).toBe(
      'host app',
    )
    expect(layerRan).toBe(false)
    expect(await (await app.request('/elsewhere', undefined, undefined, ctx)).text()).toBe(
      'host app',
    )
    expect(await (await app.request('/api/mine', undefined, undefined, ctx)).text()).toBe('mine')
    expect(layerRan).toBe(true)
  })

  it('lets the app notFound win over the embedding, and answers its HttpError as a problem', async () => {
    const app = createRouter().notFound(() => {
      throw new HttpError(410, { detail: 'gone for good' })
    })
    const res = await app.request('/x', undefined, undefined, {
      onNotFound: () => new Response('host'),
    })
    expect(res.status).toBe(410)
    expect(await res.json()).toMatchObject({ detail: 'gone for good' })
  })
})

describe('HEAD on a stream that never ends', () => {
  it('answers at once, without Content-Length, and cancels the stream', async () => {
    let cancelled = false
    const app = createRouter().route(kind('GET /ticks'), () => {
      return new ReadableStream({
        pull: (ctl) => ctl.enqueue(new Uint8Array([1])),
        cancel: () => {
          cancelled = true
        },
      })
    })
    const res = await app.request('/ticks', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBeNull()
    expect(res.headers.get('content-type')).toBe('application/octet-stream')
    expect(cancelled).toBe(true)
  })
})

describe('a Response whose body was read', () => {
  const used = async () => {
    const res = new Response('spent', { headers: { 'x-mine': '1' } })
    await res.text()
    return res
  }

  it('returned by a handler is a 500 through onError, GET and HEAD alike, naming the cause', async () => {
    const seen: string[] = []
    const app = createRouter()
      .route(kind('GET /spent'), used)
      .onError((e) => {
        seen.push(String(e))
      })
    for (const method of ['GET', 'HEAD']) {
      const res = await app.request('/spent', { method })
      expect([method, res.status]).toEqual([method, 500])
    }
    expect(seen).toEqual([
      ...Array(2).fill(
        expect.stringMatching(/^TypeError: a handler returned a Response whose body was read;/),
      ),
    ])
  })

  it.each([
    ['answers with one', { 'x-spent': '1' }],
    ['reads the body it passes on', { 'x-read': '1' }],
  ])('is a 500 through onError when a layer %s, GET and HEAD alike', async (_n, headers) => {
    const seen: string[] = []
    const app = createRouter()
      .use(async (c, next) => {
        if (c.request.headers.get('x-spent')) return used()
        const res = await next()
        if (c.request.headers.get('x-read')) await res.text()
        return res
      })
      .route(kind('GET /text'), () => 'text')
      .onError((e) => {
        seen.push(String(e))
      })
    for (const method of ['GET', 'HEAD']) {
      const res = await app.request('/text', { method, headers })
      expect([method, res.status]).toEqual([method, 500])
    }
    expect(seen).toEqual([
      ...Array(2).fill('TypeError: a layer must return a Response whose body is unread'),
    ])
  })

  it.each([
    [
      'a locked stream',
      () => {
        const res = new Response('locked', { headers: { 'x-mine': '1' } })
        res.body!.getReader()
        return res
      },
    ],
    [
      'a stream whose cancel fails',
      () =>
        new Response(
          new ReadableStream({
            cancel() {
              throw new Error('cannot cancel')
            },
          }),
          { headers: { 'x-mine': '1' } },
        ),
    ],
  ])(
    'answers a HEAD with the headers when a handler returns %s (fetch never rejects)',
    async (_n, handler) => {
      const app = createRouter().route(kind('GET /s'), handler)
      const res = await app.request('/s', { method: 'HEAD' })
      expect([res.status, res.headers.get('x-mine'), await res.text()]).toEqual([200, '1', ''])
    },
  )
})

describe('framework responses', () => {
  // A Response class that keeps the init's Headers as its own, as @hono/node-server's global
  // Response and @whatwg-node's ponyfill do.
  class KeepingResponse extends Response {
    readonly #headers: Headers
    constructor(body?: BodyInit | null, init?: ResponseInit) {
      super(body, init)
      this.#headers = init?.headers instanceof Headers ? init.headers : new Headers(init?.headers)
    }
    override get headers(): Headers {
      return this.#headers
    }
  }

  it("keep a layer's header on its own response when the global Response keeps its init", async () => {
    const global = globalThis as { Response: typeof Response }
    const original = global.Response
    global.Response = KeepingResponse
    try {
      const app = createRouter()
        .use(async (c, next) => {
          const res = await next()
          if (new URL(c.request.url).pathname === '/me') res.headers.append('x-user', 'alice')
          return res
        })
        .route(kind('GET /me'), () => 'me')
        .route(kind('GET /public'), () => 'public')
      expect((await app.request('/me')).headers.get('x-user')).toBe('alice')
      const after = await app.request('/public')
      expect(after.headers.get('x-user')).toBeNull()
      expect(after.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    } finally {
      global.Response = original
    }
  })

  it.each([
    ['the global Response', Response],
    ['the light Response', createLightResponse(Response)],
    ['a class that keeps its init', KeepingResponse],
  ])(
    'c.respond(body, res) keeps the status, status text and headers of res with %s',
    async (_n, R) => {
      const old = new Response('old', {
        status: 203,
        statusText: 'Cached',
        headers: { 'x-a': '1' },
      })
      const app = createRouter().route(kind('GET /'), (c) => {
        const res = c.respond('new', old)
        res.headers.set('x-b', '2')
        return res
      })
      const res = await app.request('/', undefined, undefined, { Response: R })
      expect([res.status, res.statusText, await res.text()]).toEqual([203, 'Cached', 'new'])
      expect(res.headers.get('x-a')).toBe('1')
      // The new response has headers of its own.
      expect(old.headers.get('x-b')).toBeNull()
    },
  )

  it.each([
    ['writes application/json (Deno, Node, workerd)', 'application/json'],
    ['writes its own spelling (Bun)', 'application/json;charset=utf-8'],
  ])('JSON answers say application/json when the class static json() %s', async (_n, spelling) => {
    class R extends Response {
      static override json(data: unknown, init?: ResponseInit): Response {
        return new R(JSON.stringify(data), { ...init, headers: { 'content-type': spelling } })
      }
    }
    const app = createRouter()
      .route(kind('GET /object'), () => ({ a: 1 }))
      .route(kind('GET /c-json'), (c) => c.json([1, 'two']))
      .route(kind('GET /number'), (c) => c.json(3))
      .route(kind('GET /nothing'), (c) => c.json(undefined))
    const answers = await Promise.all(
      ['/object', '/c-json', '/number', '/nothing'].map(async (path) => {
        const res = await app.request(path, undefined, undefined, { Response: R })
        return [res.headers.get('content-type'), await res.text()]
      }),
    )
    expect(answers).toEqual([
      ['application/json', '{"a":1}'],
      ['application/json', '[1,"two"]'],
      ['application/json', '3'],
      // What JSON.stringify makes of undefined: no body, as on every class (Response.json throws).
      ['application/json', ''],
    ])
  })

  it('c.respond(body, res) keeps what only a native Response init carries (Workers: encodeBody)', async () => {
    // workerd copies `encodeBody` from a Response given as the init, and from nowhere else but an
    // init dictionary (http.c++, Response::constructor): a body already gzipped must say 'manual'.
    class WorkerResponse extends Response {
      readonly #encodeBody: string
      constructor(body?: BodyInit | null, init?: ResponseInit & { encodeBody?: string }) {
        super(body, init)
        this.#encodeBody =
          init instanceof WorkerResponse ? init.encodeBody : (init?.encodeBody ?? 'automatic')
      }
      get encodeBody(): string {
        return this.#encodeBody
      }
    }
    const gzipped = new WorkerResponse('gz', {
      headers: { 'content-encoding': 'gzip' },
      encodeBody: 'manual',
    } as ResponseInit)
    const app = createRouter().route(kind('GET /'), (c) => c.respond('other gz', gzipped))
    const res = await app.request('/', undefined, undefined, { Response: WorkerResponse })
    expect((res as WorkerResponse).encodeBody).toBe('manual')
    expect(res.headers.get('content-encoding')).toBe('gzip')
  })
})
