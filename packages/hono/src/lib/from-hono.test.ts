import { kind } from '@ferry/kind'
import { createRouter, type ExecutionContext } from '@ferry/router'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { fromHono } from './from-hono.js'
import { toHono } from './to-hono.js'

interface Bindings {
  readonly GREETING: string
}
const Home = kind('GET /')
const env: Bindings = { GREETING: 'hi' }

function legacyHono() {
  return new Hono<{ Bindings: Bindings }>()
    .get('/legacy/:name', (c) => c.json({ name: c.req.param('name'), greeting: c.env.GREETING }))
    .post('/legacy/upload', async (c) => c.text(`got ${(await c.req.text()).length} bytes`))
    .get('/later', (c) => {
      c.executionCtx.waitUntil(Promise.resolve())
      c.executionCtx.passThroughOnException()
      return c.text('deferred')
    })
}

describe('fromHono: a Hono app as the fallback of a Ferry router', () => {
  const ferry = createRouter<{ env: Bindings }>()
    .route(Home, () => 'ferry home')
    .notFound(fromHono(legacyHono()))

  it('answers what no Ferry kind matches, with the full path, env and body', async () => {
    expect(await (await ferry.request('/')).text()).toBe('ferry home')
    const res = await ferry.request('/legacy/ada', undefined, env)
    expect(await res.json()).toEqual({ name: 'ada', greeting: 'hi' })
    const up = await ferry.request('/legacy/upload', { method: 'POST', body: 'abcdef' }, env)
    expect(await up.text()).toBe('got 6 bytes')
  })

  it("sends Hono's own 404 for what neither app knows", async () => {
    const res = await ferry.request('/elsewhere', undefined, env)
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('404 Not Found')
  })

  it('gives Hono a working executionCtx on every runtime', async () => {
    const bare = await ferry.request('/later', undefined, env)
    expect(await bare.text()).toBe('deferred')
    const pending: Promise<unknown>[] = []
    const ctx: ExecutionContext = { waitUntil: (p) => pending.push(p) }
    const res = await ferry.request('/later', undefined, env, ctx)
    expect(await res.text()).toBe('deferred')
    expect(pending).toHaveLength(1)
  })

  it.each([
    ["Workers' own, which Hono gets as it is", { props: { tenant: 'acme' } }, true],
    ["another adapter's, which has no props: a stand-in", {}, false],
  ])(
    'gives Hono an executionCtx with props under a Workers context: %s',
    async (_n, extra, same) => {
      let seen: unknown
      const hono = new Hono().get('/ctx', (c) => {
        seen = c.executionCtx
        return c.json({ props: c.executionCtx.props ?? null })
      })
      const pending: Promise<unknown>[] = []
      const ctx = {
        waitUntil: (p: Promise<unknown>) => pending.push(p),
        passThroughOnException: () => {},
        ...extra,
      }
      const app = createRouter().notFound(fromHono(hono))
      const res = await app.request('/ctx', undefined, undefined, ctx)
      expect(await res.json()).toEqual({ props: 'props' in extra ? extra.props : {} })
      expect(seen === ctx).toBe(same)
      ;(seen as ExecutionContext).waitUntil?.(Promise.resolve())
      expect(pending).toHaveLength(1)
    },
  )

  it('keeps the fallback under a Ferry basePath seeing the full path', async () => {
    const hono = new Hono().get('/api/old', (c) => c.text(c.req.path))
    const app = createRouter().notFound(fromHono(hono))
    const res = await app.request('/api/old', undefined, undefined, { basePath: '/api' })
    expect(await res.text()).toBe('/api/old')
  })

  it('throws a TypeError for something without fetch', () => {
    expect(() => fromHono({} as never)).toThrow(TypeError)
  })
})

describe('both directions at once', () => {
  // Hono mounts Ferry, and Ferry falls back to the same Hono app: a request neither knows must end
  // with Hono's 404 after one round, not recurse.
  function mutual() {
    const hono = new Hono()
    const ferry = createRouter()
      .route(Home, (c) => c.text(`ferry at ${c.href(Home)}`))
      .notFound(fromHono(hono))
    hono.get('/hono', (c) => c.text('hono')).use(toHono(ferry))
    return { hono, ferry }
  }

  it.each([
    ['Hono', '/', 'ferry at /'],
    ['Hono', '/hono', 'hono'],
    ['Ferry', '/hono', 'hono'],
    ['Ferry', '/', 'ferry at /'],
  ])('entered through %s, %s is answered', async (entry, path, body) => {
    const { hono, ferry } = mutual()
    const app = entry === 'Hono' ? hono : ferry
    expect(await (await app.fetch(new Request(`http://x.test${path}`))).text()).toBe(body)
  })

  it.each(['Hono', 'Ferry'])(
    'entered through %s, an unknown path ends in one 404',
    async (entry) => {
      const { hono, ferry } = mutual()
      const app = entry === 'Hono' ? hono : ferry
      const res = await app.fetch(new Request('http://x.test/nowhere'))
      expect(res.status).toBe(404)
    },
  )
})
