import { kind } from '@ferry/kind'
import { createRouter, HttpError } from '@ferry/router'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it, vi } from 'vitest'
import { fromHono } from './from-hono.js'
import { toHono } from './to-hono.js'

interface User {
  readonly name: string
}
type AuthEnv = { Variables: { user: User; requestId: string } }

const Me = kind('GET /me')
const Echo = kind('POST /echo')
const req = (path: string, init?: RequestInit) => new Request(`http://x.test${path}`, init)

// The Hono auth middleware of an app moving to Ferry: a user from a header, or a 401.
const auth: MiddlewareHandler<AuthEnv> = async (c, next) => {
  const name = c.req.header('x-user')
  if (!name) throw new HTTPException(401, { message: 'who are you?' })
  c.set('user', { name })
  c.set('requestId', 'r-1')
  await next()
}
const fromAuth = (c: Context<AuthEnv>) => ({ user: c.get('user') })

/** The Ferry app: a layer and handlers that read the user Hono's middleware set. */
function ferryApp(seen: string[] = []) {
  const admin = createRouter<{ vars: { user: User } }>()
    .use<{ admin: boolean }>((c, next) => next({ admin: c.user.name === 'ada' }))
    .route(Me, (c) => ({ user: c.user.name, admin: c.admin }))
  return createRouter<{ vars: { user: User } }>()
    .use<{ greeting: string }>((c, next) => {
      seen.push(`layer ${c.user.name}`)
      return next({ greeting: `hello ${c.user.name}` })
    })
    .route(Me, (c) => ({ user: c.user.name, greeting: c.greeting }))
    .route(Echo, (c) => c.respond(c.request.body))
    .mount('/admin', admin)
}

function honoApp(seen: string[] = []) {
  return new Hono<AuthEnv>()
    .use('/api/*', auth)
    .use('/api/*', toHono(ferryApp(seen), { vars: fromAuth }))
    .get('/api/legacy', (c) => c.json({ user: c.get('user').name, requestId: c.get('requestId') }))
}

describe("toHono's vars", () => {
  it("give a Ferry layer and handler the user a Hono middleware set with c.set('user')", async () => {
    const seen: string[] = []
    const res = await honoApp(seen).fetch(req('/api/me', { headers: { 'x-user': 'ada' } }))
    expect(await res.json()).toEqual({ user: 'ada', greeting: 'hello ada' })
    expect(seen).toEqual(['layer ada'])
  })

  it('reach a mounted Ferry router, its layers included', async () => {
    const res = await honoApp().fetch(req('/api/admin/me', { headers: { 'x-user': 'bo' } }))
    expect(await res.json()).toEqual({ user: 'bo', admin: false })
  })

  it("leave Hono's variables to the Hono routes a request falls through to", async () => {
    const seen: string[] = []
    const res = await honoApp(seen).fetch(req('/api/legacy', { headers: { 'x-user': 'ada' } }))
    expect(await res.json()).toEqual({ user: 'ada', requestId: 'r-1' })
    // Falling through runs none of Ferry's layers.
    expect(seen).toEqual([])
  })

  it("are asked after Hono's middleware: its 401 comes first, and vars are not called", async () => {
    let called = 0
    const app = new Hono<AuthEnv>().use('/api/*', auth).use(
      '/api/*',
      toHono(ferryApp(), {
        vars: (c) => {
          called++
          return fromAuth(c)
        },
      }),
    )
    const res = await app.fetch(req('/api/me'))
    expect([res.status, await res.text(), called]).toEqual([401, 'who are you?', 0])
  })

  it.each([
    [
      "a plain Error: Hono's onError",
      new Error('db down'),
      (a: Hono<AuthEnv>) => a.onError((e, c) => c.text(`hono onError: ${e.message}`, 503)),
      503,
      'hono onError: db down',
    ],
    [
      'a plain Error: Hono’s default 500',
      new Error('db down'),
      (a: Hono<AuthEnv>) => a,
      500,
      'Internal Server Error',
    ],
    [
      'an HTTPException: its own answer',
      new HTTPException(403, { message: 'no vars for you' }),
      (a: Hono<AuthEnv>) => a,
      403,
      'no vars for you',
    ],
  ])(
    'that throw, as a throwing Hono middleware does (%s), and Ferry sees nothing',
    async (_name, error, configure, status, text) => {
      let ferry = 0
      const app = createRouter<{ vars: { user: User } }>()
        .use((_c, next) => {
          ferry++
          return next()
        })
        .route(Echo, (c) => c.respond(c.request.body))
      const hono = configure(new Hono<AuthEnv>()).use(
        toHono(app, {
          vars: () => {
            throw error
          },
        }),
      )
      const request = req('/echo', { method: 'POST', body: 'unread' })
      // Hono's default onError logs what it answers with its 500.
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
      const res = await Promise.resolve(hono.fetch(request)).finally(() => quiet.mockRestore())
      expect([res.status, await res.text(), ferry, request.bodyUsed]).toEqual([
        status,
        text,
        0,
        false,
      ])
    },
  )

  it('refuse a vars function that returns a promise, through Hono’s onError, rather than give none', async () => {
    // An untyped app takes any object; an async function's promise has no fields to give.
    const untyped = createRouter().route(Me, (c) => String((c as { user?: unknown }).user))
    const hono = new Hono<AuthEnv>()
      .use(auth)
      .use(toHono(untyped, { vars: async (c) => ({ user: c.get('user').name }) }))
      .onError((e, c) => c.text(`${e.name}: ${e.message}`, 500))
    const res = await hono.fetch(req('/me', { headers: { 'x-user': 'ada' } }))
    expect(res.status).toBe(500)
    expect(await res.text()).toMatch(/^TypeError: .*vars.*promise/i)
  })

  it('give an HttpError in a Ferry layer its own answer, as without vars', async () => {
    const app = createRouter<{ vars: { user?: User } }>()
      .use((c, next) => {
        if (!c.user) throw new HttpError(401, { detail: 'sign in' })
        return next()
      })
      .route(Me, (c) => c.user?.name)
    const hono = new Hono<AuthEnv>().use(toHono(app, { vars: (c) => ({ user: c.get('user') }) }))
    const res = await hono.fetch(req('/me'))
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ detail: 'sign in' })
  })

  it('stream a body through, as without vars', async () => {
    const res = await honoApp().fetch(
      req('/api/echo', { method: 'POST', body: 'streamed', headers: { 'x-user': 'ada' } }),
    )
    expect(await res.text()).toBe('streamed')
  })

  it('are not called under Hono’s mount, which hands over no Hono context: the app gets none', async () => {
    let called = 0
    const app = createRouter<{ vars: { user?: User } }>().route(Me, (c) => c.user?.name ?? 'nobody')
    const handler = toHono(app, {
      vars: (c) => {
        called++
        return { user: c.get('user') }
      },
    })
    const hono = new Hono<AuthEnv>().use(auth).mount('/api', handler)
    const res = await hono.fetch(req('/api/me', { headers: { 'x-user': 'ada' } }))
    expect([await res.text(), called]).toEqual(['nobody', 0])
  })

  it('do not reach a Hono app behind fromHono: it has variables of its own', async () => {
    const legacy = new Hono<AuthEnv>().get('/api/old', (c) => c.text(`old ${c.get('user')?.name}`))
    const app = createRouter<{ vars: { user: User } }>()
      .route(Me, (c) => c.user.name)
      .notFound(fromHono(legacy))
    const hono = new Hono<AuthEnv>()
      .use('/api/*', auth)
      .use('/api/*', toHono(app, { vars: fromAuth }))
    const res = await hono.fetch(req('/api/old', { headers: { 'x-user': 'ada' } }))
    expect(await res.text()).toBe('old undefined')
  })
})
