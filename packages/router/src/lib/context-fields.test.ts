import { int, kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createRouter, type Router } from './router.js'
import type { ExecutionContext, Layer } from './types.js'

const Post = kind('GET /posts/:id', { id: int })
// Any app, whatever vars it declares.
const get = (app: Router<any, any, any>, method = 'GET', ctx?: ExecutionContext<any>) =>
  app.fetch(new Request('http://localhost/posts/1', { method }), undefined, ctx)

// What the handler below reports: its field, an href, and the answer's Content-Type.
const report = (c: {
  host?: unknown
  head?: unknown
  href: (k: typeof Post, v: { id: number }) => string
}) => `${String(c.host)} ${String(c.head)} ${c.href(Post, { id: 2 })}`

describe('fields named as the router keeps its own state (host, head, R, candidates)', () => {
  it("are a layer's to add: hrefs, HEAD answers and Allow still work", async () => {
    const layer = ((_c, next) =>
      next({ host: 'example.com', head: 'h', R: 1, candidates: 2, allowOnce: 3 })) as Layer
    const app = createRouter()
      .use(layer)
      .route(Post, (c) => report(c as never))
    const res = await get(app)
    expect([res.status, await res.text()]).toEqual([200, 'example.com h /posts/2'])
    const head = await get(app, 'HEAD')
    expect([head.status, await head.text(), head.headers.get('content-length')]).toEqual([
      200,
      '',
      String('example.com h /posts/2'.length),
    ])
    const post = await get(app, 'POST')
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD, OPTIONS'])
  })

  it("are an embedding's to give as vars", async () => {
    const app = createRouter<{ vars: { host: string; head: string } }>().route(Post, (c) =>
      report(c),
    )
    const res = await get(app, 'GET', { vars: { host: 'h', head: 'x' } })
    expect([res.status, await res.text()]).toEqual([200, 'h x /posts/2'])
  })

  it('are names a resource may take', async () => {
    const app = createRouter()
      .provide('host', () => 'db.internal')
      .route(Post, (c) => report(c))
    const res = await get(app)
    expect([res.status, await res.text()]).toEqual([200, 'db.internal undefined /posts/2'])
  })
})

describe('fields named as something the context has', () => {
  const named = (fields: object) => {
    const errors: string[] = []
    const app = createRouter()
      .use((_c, next) => next(fields as never))
      .route(Post, (c) => `${typeof c.json} ${c.params.id}`)
      .onError((e) => {
        errors.push(`${(e as Error).name}: ${(e as Error).message}`)
        return new Response('refused', { status: 500 })
      })
    return { app, errors }
  }

  it('are refused in next() with a TypeError naming the field', async () => {
    for (const [name, fields] of [
      ['json', { json: 1 }],
      ['params', { params: { id: 9 } }],
      ['allow', { allow: 'GET' }],
      ['toString', { toString: 'x' }],
      // From JSON.parse: an own "__proto__" key, which Object.assign would make the prototype.
      ['__proto__', JSON.parse('{"__proto__": {"json": 1}}')],
    ] as const) {
      const { app, errors } = named(fields)
      const res = await get(app)
      expect([res.status, await res.text()]).toEqual([500, 'refused'])
      expect(errors).toEqual([
        `TypeError: next() cannot add a field named "${name}": the context has one of its own`,
      ])
    }
  })

  it('leave next({ request }) to hand on another request', async () => {
    const app = createRouter()
      .use((c, next) => next({ request: new Request(c.request, { headers: { 'x-n': '7' } }) }))
      .route(Post, (c) => c.request.headers.get('x-n') ?? 'none')
    expect(await (await get(app)).text()).toBe('7')
  })

  it('are refused as vars, as the outermost error', async () => {
    const { app, errors } = named({})
    const res = await get(app, 'GET', { vars: { href: '/' } })
    expect([res.status, await res.text()]).toEqual([500, 'refused'])
    expect(errors).toEqual([
      'TypeError: vars cannot add a field named "href": the context has one of its own',
    ])
  })

  it('are refused by provide() when it is called', () => {
    for (const name of ['json', 'request', 'env', 'route', 'constructor', '__proto__']) {
      expect(() => createRouter().provide(name, () => 1)).toThrow(
        new TypeError(
          `provide() cannot add a field named "${name}": the context has one of its own`,
        ),
      )
    }
  })
})
