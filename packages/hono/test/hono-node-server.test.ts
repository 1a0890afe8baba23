import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFerryApp } from './ferry-app.js'
import { toHono } from '../src/index.js'

// The usual Node setup of a Hono app: @hono/node-server with its defaults, which replace the
// global Response with its own class. Hono middleware that touched `c.res` before `next()` (cors)
// rebuilds the handler's answer with that class.
let server: ServerType
let base: string

// A Hono auth middleware's user, handed to Ferry with the `vars` option.
type AuthEnv = { Variables: { user: string } }
const Me = kind('GET /me')
const signedIn = createRouter<{ vars: { user: string } }>()
  .use<{ via: string }>((c, next) => next({ via: `layer saw ${c.user}` }))
  .route(Me, (c) => ({ user: c.user, via: c.via }))

beforeAll(async () => {
  const app = new Hono<AuthEnv>()
    .use('/api/*', cors())
    .use('/api/*', toHono(createFerryApp()))
    .get('/api/legacy', (c) => c.text('hono legacy'))
    .use('/auth/*', async (c, next) => {
      c.set('user', c.req.header('x-user') ?? 'guest')
      await next()
    })
    .use('/auth/*', toHono(signedIn, { vars: (c) => ({ user: c.get('user') }) }))
    .get('/auth/legacy', (c) => c.text(`hono sees ${c.get('user')}`))
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve())
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())))

describe('Ferry in Hono on @hono/node-server', () => {
  it('answers JSON through Hono cors', async () => {
    const res = await fetch(`${base}/api/posts/1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.json()).toEqual({ id: 1, link: '/api/posts/2' })
  })

  it('answers its problems, redirects and JSON bodies', async () => {
    const wrong = await fetch(`${base}/api/posts/1`, { method: 'PATCH' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    const slash = await fetch(`${base}/api/posts/1/`, { redirect: 'manual' })
    expect(slash.status).toBe(308)
    expect(slash.headers.get('location')).toBe('/api/posts/1')
    const created = await fetch(`${base}/api/posts`, {
      method: 'POST',
      body: '{"title":"hi"}',
      headers: { 'content-type': 'application/json' },
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toEqual({ created: { title: 'hi' } })
  })

  it('falls through to Hono', async () => {
    expect(await (await fetch(`${base}/api/legacy`)).text()).toBe('hono legacy')
  })

  it("gives Ferry the user a Hono middleware set, and leaves it to Hono's routes", async () => {
    const me = await fetch(`${base}/auth/me`, { headers: { 'x-user': 'ada' } })
    expect(await me.json()).toEqual({ user: 'ada', via: 'layer saw ada' })
    const legacy = await fetch(`${base}/auth/legacy`, { headers: { 'x-user': 'ada' } })
    expect(await legacy.text()).toBe('hono sees ada')
  })
})
