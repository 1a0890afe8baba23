import { Hono } from 'hono'
import { mount } from 'hono/mount'
import { describe, expect, it } from 'vitest'
import { type Bindings, createFerryApp } from '../../test/ferry-app.js'
import { toHono } from './to-hono.js'

const env: Bindings = { GREETING: 'from hono bindings' }
const req = (path: string, init?: RequestInit) => new Request(`http://x.test${path}`, init)

/** A stand-in for Workers' ExecutionContext that, like the real one, needs `this`. */
class RuntimeContext {
  readonly pending: Promise<unknown>[] = []
  passedThrough = false
  readonly props = {}
  waitUntil(promise: Promise<unknown>): void {
    if (!(this instanceof RuntimeContext)) throw new TypeError('Illegal invocation')
    this.pending.push(promise)
  }
  passThroughOnException(): void {
    if (!(this instanceof RuntimeContext)) throw new TypeError('Illegal invocation')
    this.passedThrough = true
  }
}

describe("Hono's env and execution context in Ferry", () => {
  it('hands the bindings to Ferry handlers as c.env', async () => {
    const app = new Hono<{ Bindings: Bindings }>().use('/api/*', toHono(createFerryApp()))
    expect(await (await app.fetch(req('/api/posts/1'), env)).json()).toMatchObject({
      greeting: 'from hono bindings',
    })
  })

  it("hands Ferry's waitUntil work to the runtime's execution context", async () => {
    const done: string[] = []
    const app = new Hono<{ Bindings: Bindings }>().use(
      '/api/*',
      toHono(createFerryApp((v) => done.push(v))),
    )
    const ctx = new RuntimeContext()
    const res = await app.fetch(req('/api/later'), env, ctx)
    expect(await res.text()).toBe('accepted')
    expect(ctx.pending).toHaveLength(1)
    await Promise.all(ctx.pending)
    expect(done).toEqual(['deferred for from hono bindings'])
  })

  it('still runs waitUntil work when Hono has no execution context', async () => {
    const done: string[] = []
    const app = new Hono().use(toHono(createFerryApp((v) => done.push(v))))
    expect((await app.fetch(req('/later'), env)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 0))
    expect(done).toEqual(['deferred for from hono bindings'])
  })

  it('passes the client address from the remoteAddress option', async () => {
    const app = new Hono().use(
      toHono(createFerryApp(), { remoteAddress: (c) => c.req.header('x-test-peer') }),
    )
    const res = await app.fetch(req('/address', { headers: { 'x-test-peer': '192.0.2.7' } }), env)
    expect(await res.json()).toEqual({ address: '192.0.2.7' })
  })
})

describe("toHono with Hono's mount", () => {
  it.each([
    ['app.mount', () => new Hono().mount('/api', toHono(createFerryApp()))],
    ['mount() from hono/mount', () => new Hono().all('/api/*', mount(toHono(createFerryApp())))],
  ])('serves Ferry kinds and falls through (%s)', async (_name, make) => {
    const app = make().get('/api/legacy', (c) => c.text('hono legacy'))
    const ctx = new RuntimeContext()
    const res = await app.fetch(req('/api/later'), env, ctx)
    expect(await res.text()).toBe('accepted')
    expect(ctx.pending).toHaveLength(1)
    // Hono removed the prefix from the request, so links are relative to the mount point.
    expect((await (await app.fetch(req('/api/posts/1'), env)).json()).link).toBe('/posts/2')
    expect(await (await app.fetch(req('/api/legacy'), env)).text()).toBe('hono legacy')
  })

  it('makes prefixed links with basePath and the original request', async () => {
    const app = new Hono().mount('/api', toHono(createFerryApp(), { basePath: '/api' }), {
      replaceRequest: false,
    })
    expect((await (await app.fetch(req('/api/posts/1'), env)).json()).link).toBe('/api/posts/2')
  })
})
