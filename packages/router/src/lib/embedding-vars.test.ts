import { int, kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createRouter, type Router } from './router.js'
import type { ExecutionContext, Layer } from './types.js'

interface User {
  readonly name: string
}
type Vars = { user: User; requestId?: string }

const Me = kind('GET /me')
const Page = kind('GET /page', { query: { n: int } })
const given = (user: User): ExecutionContext<Vars> => ({ vars: { user } })
const get = (app: Router<any, any, Vars>, path: string, ctx?: ExecutionContext<Vars>) =>
  app.fetch(new Request(`http://localhost${path}`), undefined, ctx)

describe('ExecutionContext.vars', () => {
  it('reach handlers on every dispatch path: plain, checked, with and without layers', async () => {
    const bare = createRouter<{ vars: Vars }>()
      .route(Me, (c) => c.user.name)
      .route(Page, (c) => `${c.user.name} ${c.params.n}`)
    const layered = createRouter<{ vars: Vars }>()
      .use((_c, next) => next())
      .route(Me, (c) => c.user.name)
      .route(Page, (c) => `${c.user.name} ${c.params.n}`)
    for (const app of [bare, layered]) {
      expect(await (await get(app, '/me', given({ name: 'ada' }))).text()).toBe('ada')
      expect(await (await get(app, '/page?n=2', given({ name: 'bo' }))).text()).toBe('bo 2')
    }
  })

  it('are seen by the outermost layer, and a layer may replace one for those inside it', async () => {
    const seen: string[] = []
    const app = createRouter<{ vars: Vars }>()
      .use(async (c, next) => {
        seen.push(c.user.name)
        return next({ user: { name: `${c.user.name} (checked)` } })
      })
      .route(Me, (c) => c.user.name)
    expect(await (await get(app, '/me', given({ name: 'ada' }))).text()).toBe('ada (checked)')
    expect(seen).toEqual(['ada'])
  })

  it('belong to one request: the object given is not changed, the next request starts without', async () => {
    const vars: Vars = { user: { name: 'ada' } }
    const app = createRouter<{ vars: Vars }>()
      .use<{ requestId: string }>((_c, next) => next({ requestId: 'r1' }))
      .route(Me, (c) => `${(c as { user?: User }).user?.name ?? 'nobody'} ${c.requestId}`)
    expect(await (await get(app, '/me', { vars })).text()).toBe('ada r1')
    expect(vars).toEqual({ user: { name: 'ada' } })
    // Served without an embedding that gives them, the app has none.
    expect(await (await get(app, '/me')).text()).toBe('nobody r1')
  })

  it("reach a mounted router's layers and routes, and its notFound", async () => {
    const admin = createRouter<{ vars: Vars }>()
      .use<{ area: string }>((c, next) => next({ area: `admin of ${c.user.name}` }))
      .route(Me, (c) => `${c.area}: ${c.user.name}`)
      .notFound((c) => `no such page for ${c.user.name}`)
    const app = createRouter<{ vars: Vars }>().mount('/admin', admin)
    expect(await (await get(app, '/admin/me', given({ name: 'ada' }))).text()).toBe(
      'admin of ada: ada',
    )
    expect(await (await get(app, '/admin/nope', given({ name: 'bo' }))).text()).toBe(
      'no such page for bo',
    )
  })

  it("are given back to the next mount when a mount's layer replaced one and its route failed", async () => {
    // Both mounts serve `/area/page`; the first refuses `n=x` at its query check, so the second
    // answers, and must see the user the embedding gave, not the first mount's replacement.
    const first = createRouter<{ vars: Vars }>()
      .use((_c, next) => next({ user: { name: 'replaced' } }))
      .route(Page, (c) => `first ${c.user.name}`)
    const second = createRouter<{ vars: Vars }>().route(kind('GET /page'), (c) => c.user.name)
    const app = createRouter<{ vars: Vars }>().mount('/area', first).mount('/area', second)
    expect(await (await get(app, '/area/page?n=1', given({ name: 'ada' }))).text()).toBe(
      'first replaced',
    )
    expect(await (await get(app, '/area/page?n=x', given({ name: 'ada' }))).text()).toBe('ada')
  })

  it('do not stop a fall-through: onNotFound answers outside the layers, as without them', async () => {
    let layers = 0
    const app = createRouter<{ vars: Vars }>()
      .use((_c, next) => {
        layers++
        return next()
      })
      .route(Me, (c) => c.user.name)
    const res = await get(app, '/elsewhere', {
      vars: { user: { name: 'ada' } },
      onNotFound: () => new Response('host', { status: 299 }),
    })
    expect([res.status, await res.text(), layers]).toEqual([299, 'host', 0])
  })

  it("a name the context has a getter for is an error, answered as a layer's error is", async () => {
    const seen: unknown[] = []
    const layer: Layer = (_c, next) => {
      seen.push('layer')
      return next()
    }
    const app = createRouter()
      .use(layer)
      .route(Me, () => 'me')
      .onError((e) => {
        seen.push((e as Error).name)
        return new Response('onError', { status: 500 })
      })
    const ctx = { vars: { allow: 'GET' } } as ExecutionContext
    const res = await app.fetch(new Request('http://localhost/me'), undefined, ctx)
    expect([res.status, await res.text()]).toEqual([500, 'onError'])
    const head = await app.fetch(new Request('http://localhost/me', { method: 'HEAD' }), {}, ctx)
    expect([head.status, await head.text()]).toEqual([500, ''])
    // The app's layers do not run: the error is the outermost one's.
    expect(seen).toEqual(['TypeError', 'TypeError'])
  })
  it('reach onError when a resource fails to open, before any layer ran', async () => {
    const seen: string[] = []
    const app = createRouter<{ vars: Vars }>()
      .provide('db', () => Promise.reject(new Error('no db')))
      .route(Me, (c) => c.user.name)
      .onError((e, c) => {
        seen.push(`${(e as Error).message} for ${c.user?.name}`)
        return new Response('down', { status: 503 })
      })
    const res = await get(app, '/me', given({ name: 'ada' }))
    expect([res.status, await res.text(), seen]).toEqual([503, 'down', ['no db for ada']])
    // A var named like a getter of the context does not turn the answer into a rejection, and
    // vars with a refused name are refused whole: none of them is seeded.
    const odd = { vars: { user: { name: 'bo' }, allow: 'GET' } } as ExecutionContext<Vars>
    const next = await get(app, '/me', odd)
    expect([next.status, seen[1]]).toEqual([503, 'no db for undefined'])
  })
})
