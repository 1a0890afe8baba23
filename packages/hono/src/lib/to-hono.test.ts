import { kind } from '@ferry/kind'
import { HttpError, type Layer } from '@ferry/router'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { logger } from 'hono/logger'
import { describe, expect, it } from 'vitest'
import { type Bindings, createFerryApp } from '../../test/ferry-app.js'
import { toHono } from './to-hono.js'

const env: Bindings = { GREETING: 'hi' }
const Thing = kind('GET /thing')
// Hono's logger colours the status unless NO_COLOR is set; compare the words only.
const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g')
const req = (path: string, init?: RequestInit) => new Request(`http://x.test${path}`, init)

/** A Hono app with its own routes around the Ferry app, mounted the way `mountAt` says. */
function honoWith(mountAt: 'use' | 'all' | 'route' | 'root') {
  const ferry = toHono<{ Bindings: Bindings }>(createFerryApp())
  const app = new Hono<{ Bindings: Bindings }>()
  app.get('/api/health', (c) => c.text('hono health'))
  if (mountAt === 'use') app.use('/api/*', ferry)
  if (mountAt === 'all') app.all('/api/*', ferry)
  if (mountAt === 'route') app.route('/api', new Hono<{ Bindings: Bindings }>().use(ferry))
  if (mountAt === 'root') app.use(ferry)
  app.get('/api/legacy', (c) => c.text('hono legacy'))
  app.get('/legacy', (c) => c.text('hono legacy at the root'))
  return app
}

describe('toHono under a prefix', () => {
  it.each(['use', 'all', 'route'] as const)(
    'serves Ferry kinds with prefixed links (%s)',
    async (how) => {
      const res = await honoWith(how).fetch(req('/api/posts/7'), env)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ id: 7, link: '/api/posts/8', greeting: 'hi' })
    },
  )

  it.each(['use', 'all', 'route'] as const)('falls through to Hono routes (%s)', async (how) => {
    const app = honoWith(how)
    const legacy = await app.fetch(req('/api/legacy'), env)
    expect(legacy.status).toBe(200)
    expect(await legacy.text()).toBe('hono legacy')
    // Hono's own 404 (plain text), not Ferry's problem+json.
    const missing = await app.fetch(req('/api/nothing'), env)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/)
  })

  it('lets Hono routes registered before it answer first', async () => {
    const res = await honoWith('use').fetch(req('/api/health'), env)
    expect(await res.text()).toBe('hono health')
  })

  it.each([
    ['405 with Allow', req('/api/posts/7', { method: 'DELETE' }), 405],
    [
      '415',
      req('/api/posts', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }),
      415,
    ],
    ['400 for a malformed escape', req('/api/posts/%zz'), 400],
  ])('answers Ferry framework errors itself: %s', async (_name, request, status) => {
    const res = await honoWith('use').fetch(request, env)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    if (status === 405) expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('answers HEAD like GET without a body', async () => {
    const res = await honoWith('use').fetch(req('/api/posts/7', { method: 'HEAD' }), env)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.text()).toBe('')
  })

  it('redirects a trailing slash to the prefixed canonical path', async () => {
    const res = await honoWith('use').fetch(req('/api/posts/7/?a=1'), env)
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/api/posts/7?a=1')
  })

  it('takes the concrete prefix of a parameterised route', async () => {
    const app = new Hono().use('/t/:tenant/*', toHono(createFerryApp()))
    const res = await app.fetch(req('/t/acme%20co/posts/1'), env)
    expect((await res.json()).link).toBe('/t/acme%20co/posts/2')
  })

  it.each([
    ['/api.x.test/*', 'http://api.x.test/posts/1', '/posts/2'],
    ['/api.x.test/v2/*', 'http://api.x.test/v2/posts/1', '/v2/posts/2'],
  ])(
    "takes the prefix from the URL under Hono's routing by host (getPath), route %s",
    async (route, url, link) => {
      // Hono's documented virtual-host routing: its path is the host, then the URL's path.
      const app = new Hono({ getPath: (r) => `/${new URL(r.url).host}${new URL(r.url).pathname}` })
      app.use(route, toHono(createFerryApp()))
      const res = await app.fetch(new Request(url), env)
      expect([res.status, (await res.json()).link]).toEqual([200, link])
    },
  )

  it("takes the prefix under a Hono getPath that drops the proxy's path prefix", async () => {
    // Hono behind a proxy that serves it under /proxy: routes are written without it.
    const app = new Hono({ getPath: (r) => new URL(r.url).pathname.replace(/^\/proxy/, '') })
    app.use('/api/*', toHono(createFerryApp()))
    const res = await app.fetch(req('/proxy/api/posts/1'), env)
    expect([res.status, (await res.json()).link]).toEqual([200, '/proxy/api/posts/2'])
  })

  it('takes the prefix under Hono without strict trailing slashes', async () => {
    const app = new Hono({ strict: false }).use('/api/*', toHono(createFerryApp()))
    const res = await app.fetch(req('/api/posts/7/'), env)
    expect([res.status, res.headers.get('location')]).toEqual([308, '/api/posts/7'])
  })

  it('keeps percent-encoding exact under the prefix', async () => {
    const File = kind('GET /files/:name')
    const app = new Hono().use(
      '/api/*',
      toHono(
        createFerryApp().route(File, (c) => ({
          name: c.params.name,
          self: c.href(File, c.params),
        })),
      ),
    )
    const res = await app.fetch(req('/api/files/a%2Fb%20c'), env)
    expect(await res.json()).toEqual({ name: 'a/b c', self: '/api/files/a%2Fb%20c' })
  })

  it('takes an explicit basePath written as in Hono routes, unencoded', async () => {
    const app = new Hono().use(toHono(createFerryApp(), { basePath: '/café menu' }))
    const res = await app.fetch(req('/café menu/posts/1'), env) // sent as /caf%C3%A9%20menu/...
    expect((await res.json()).link).toBe('/caf%C3%A9%20menu/posts/2')
  })

  it.each(['/v2', '/v2/', 'v2'])('uses an explicit basePath when given (%s)', async (basePath) => {
    const app = new Hono().use(toHono(createFerryApp(), { basePath }))
    app.get('/v2/other', (c) => c.text('hono'))
    expect((await (await app.fetch(req('/v2/posts/1'), env)).json()).link).toBe('/v2/posts/2')
    expect(await (await app.fetch(req('/v2/other'), env)).text()).toBe('hono')
  })
})

describe('toHono with any app that signals fall-through through the hook', () => {
  // What the router does for a path no kind matches: it returns the `onNotFound` hook's answer.
  it('falls through on the onNotFound answer', async () => {
    const hooked = {
      fetch: async (_r: Request, _e: unknown, ctx?: object) =>
        (ctx as { onNotFound(): Response }).onNotFound(),
    }
    const app = new Hono().use(toHono(hooked)).get('/legacy', (c) => c.text('hono'))
    expect(await (await app.fetch(req('/legacy'))).text()).toBe('hono')
  })
})

describe('toHono at the root', () => {
  it('serves Ferry kinds with unprefixed links and falls through to Hono', async () => {
    const app = honoWith('root')
    expect(await (await app.fetch(req('/posts/1'), env)).json()).toEqual({
      id: 1,
      link: '/posts/2',
      greeting: 'hi',
    })
    expect(await (await app.fetch(req('/legacy'), env)).text()).toBe('hono legacy at the root')
  })

  it("keeps a Ferry notFound handler's own 404 (no fall-through)", async () => {
    const ferry = createFerryApp().notFound((c) => c.json({ mine: true }, { status: 404 }))
    const app = new Hono().use(toHono(ferry)).get('/legacy', (c) => c.text('hono'))
    const res = await app.fetch(req('/legacy'), env)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ mine: true })
  })

  it('sends the 404 of a Ferry handler on a matched path (no fall-through)', async () => {
    const ferry = createFerryApp().route(Thing, () => {
      throw new HttpError(404, { detail: 'no such thing' })
    })
    const app = new Hono().use(toHono(ferry)).get('/thing', (c) => c.text('hono'))
    const res = await app.fetch(req('/thing'), env)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ detail: 'no such thing' })
  })
})

describe('toHono with Hono middleware', () => {
  it("lets Hono's cors wrap Ferry routes and answer preflights", async () => {
    const app = new Hono<{ Bindings: Bindings }>()
      .use('/api/*', cors({ origin: 'https://app.example' }))
      .use('/api/*', toHono(createFerryApp()))
    const res = await app.fetch(
      req('/api/posts/1', { headers: { origin: 'https://app.example' } }),
      env,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example')
    const pre = await app.fetch(
      req('/api/posts/1', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
      }),
      env,
    )
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET')
  })

  it('lets Hono middleware set headers on Ferry answers after next(), as the README says', async () => {
    const app = new Hono<{ Bindings: Bindings }>()
      .use(async (c, next) => {
        await next()
        c.res.headers.set('x-served-by', 'hono')
      })
      .use(toHono(createFerryApp()))
    const res = await app.fetch(req('/posts/1'), env)
    expect(res.headers.get('x-served-by')).toBe('hono')
    expect(await res.json()).toMatchObject({ id: 1 })
  })

  it("lets Hono's logger see Ferry's answers and the fall-through", async () => {
    const lines: string[] = []
    const app = new Hono<{ Bindings: Bindings }>()
      .use(logger((line) => lines.push(line)))
      .use('/api/*', toHono(createFerryApp()))
    await app.fetch(req('/api/posts/1'), env)
    await app.fetch(req('/api/posts/1', { method: 'PUT' }), env)
    await app.fetch(req('/api/nope'), env)
    expect(
      lines
        .filter((l) => l.startsWith('-->'))
        .map((l) => l.replace(ansi, '').replace(/ \d+m?s$/, '')),
    ).toEqual(['--> GET /api/posts/1 200', '--> PUT /api/posts/1 405', '--> GET /api/nope 404'])
  })
})

describe('a Ferry path with a method only Hono has', () => {
  // Adopting Ferry one route at a time: GET /api/posts/:id moved to Ferry, the other methods of
  // that path are still Hono routes registered after it.
  function partlyMoved() {
    const lines: string[] = []
    const app = new Hono<{ Bindings: Bindings }>()
      .use(logger((line) => lines.push(line)))
      .use('/api/*', toHono(createFerryApp()))
      .use('/api/*', async (_c, next) => {
        await next()
      })
      .delete('/api/posts/:id', (c) => c.text(`hono deleted ${c.req.param('id')}`))
      .put('/api/posts/:id', (c) => c.text('no such post', 404))
      .options('/api/posts', (c) => c.text('hono options'))
    return { app, lines }
  }

  it('reaches the Hono route for that method', async () => {
    const { app, lines } = partlyMoved()
    const res = await app.fetch(req('/api/posts/7', { method: 'DELETE' }), env)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('hono deleted 7')
    expect(lines.at(-1)?.replace(ansi, '')).toMatch(/^--> DELETE \/api\/posts\/7 200/)
  })

  it("keeps the Hono route's own 404", async () => {
    const res = await partlyMoved().app.fetch(req('/api/posts/7', { method: 'PUT' }), env)
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('no such post')
  })

  it("answers Ferry's 405 with Allow when no Hono route has the method", async () => {
    const res = await partlyMoved().app.fetch(req('/api/posts/7', { method: 'PATCH' }), env)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it("answers Ferry's 405 over a Hono notFound that would answer anything", async () => {
    const app = new Hono()
      .use(toHono(createFerryApp()))
      .notFound((c) => c.html('<p>the single-page app</p>'))
    const res = await app.fetch(req('/posts/7', { method: 'DELETE' }), env)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it("answers Ferry's 405 without the headers of a Hono notFound it replaces", async () => {
    let notFound = 0
    const app = new Hono().use(toHono(createFerryApp())).notFound((c) => {
      notFound++
      c.header('set-cookie', 'visited-404=1')
      c.header('cache-control', 'no-store')
      return c.text('not here', 404)
    })
    const res = await app.fetch(req('/posts/7', { method: 'DELETE' }), env)
    expect([res.status, res.headers.get('set-cookie'), res.headers.get('cache-control')]).toEqual([
      405,
      null,
      null,
    ])
    expect(notFound).toBe(0)
  })

  it("answers Ferry's 405, not a Hono 500, when a Ferry layer took the request body", async () => {
    // Like @ferry/middleware's bodyLimit: the layer pipes the body into a counting stream.
    const counting: Layer<{}, { request: Request }> = (c, next) => {
      const { url, method, headers, body } = c.request
      if (body === null) return next({ request: c.request })
      const init = {
        method,
        headers,
        body: body.pipeThrough(new TransformStream()),
        duplex: 'half',
      }
      return next({ request: new Request(url, init as RequestInit) })
    }
    const app = new Hono()
      .use(toHono(createFerryApp().use(counting)))
      .post('/posts/:id', async (c) => c.json(await c.req.json()))
    const res = await app.fetch(req('/posts/7', { method: 'POST', body: '{"a":1}' }), env)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    // Without a body, nothing was taken: the Hono route still gets the method.
    const bare = new Hono()
      .use(toHono(createFerryApp().use(counting)))
      .delete('/posts/:id', (c) => c.text('hono deleted'))
    expect(await (await bare.fetch(req('/posts/7', { method: 'DELETE' }), env)).text()).toBe(
      'hono deleted',
    )
  })

  it('lets a Hono OPTIONS route answer, and Ferry answer OPTIONS otherwise', async () => {
    const { app } = partlyMoved()
    const hono = await app.fetch(req('/api/posts', { method: 'OPTIONS' }), env)
    expect(await hono.text()).toBe('hono options')
    const ferry = await app.fetch(req('/api/posts/7', { method: 'OPTIONS' }), env)
    expect(ferry.status).toBe(204)
    expect(ferry.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })
})

describe('errors thrown in Ferry handlers', () => {
  const Fails = kind('GET /fails')
  const failing = () =>
    createFerryApp().route(Fails, (c) => {
      throw new HTTPException(401, { message: `not you, ${c.env.GREETING}` })
    })
  const honoAround = (ferry: ReturnType<typeof failing>) =>
    new Hono<{ Bindings: Bindings }>()
      .onError((err, c) => c.text(`hono onError: ${err.message}`, 500))
      .use(toHono(ferry))

  it("stay in Ferry: its 500, not Hono's onError", async () => {
    const logged: unknown[] = []
    const log = console.error
    console.error = (...args: unknown[]) => logged.push(args)
    try {
      const res = await honoAround(failing()).fetch(req('/fails'), env)
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    } finally {
      console.error = log
    }
    expect(logged).toHaveLength(1)
  })

  it("answer a Hono HTTPException through Ferry's onError, as the README shows", async () => {
    const ferry = failing().onError((err) => {
      if (err instanceof HTTPException) return err.getResponse()
      console.error(err)
    })
    const res = await honoAround(ferry).fetch(req('/fails'), env)
    expect(res.status).toBe(401)
    expect(await res.text()).toBe('not you, hi')
  })
})
