import { int, kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { mount } from 'hono/mount'
import { describe, expectTypeOf, it } from 'vitest'
import { fromHono } from './from-hono.js'
import { toHono } from './to-hono.js'

interface Bindings {
  readonly DB: string
  readonly GREETING: string
}
type AppEnv = { Bindings: Bindings; Variables: { user: string } }
const Post = kind('GET /posts/:id', { id: int })

describe('toHono types', () => {
  it("types Ferry's c.env from the Hono bindings", () => {
    const ferry = createRouter<{ env: Bindings }>().route(Post, (c) => {
      expectTypeOf(c.env).toEqualTypeOf<Bindings>()
      expectTypeOf(c.params.id).toEqualTypeOf<number>()
      return null
    })
    const handler = toHono<AppEnv>(ferry)
    expectTypeOf(handler).toExtend<MiddlewareHandler<AppEnv>>()
    new Hono<AppEnv>().use('/api/*', handler).all('/v2/*', handler).mount('/v3', handler)
    new Hono<AppEnv>().all('/v4/*', mount(handler))
    new Hono<AppEnv>().route('/api', new Hono<AppEnv>().use(handler))
  })

  it('accepts a Ferry app that needs less than the bindings give', () => {
    toHono<AppEnv>(createRouter<{ env: { DB: string } }>())
  })

  it('rejects a Ferry app that needs a binding Hono does not have', () => {
    const ferry = createRouter<{ env: { DB: string; KV: number } }>()
    // @ts-expect-error: the Hono bindings have no KV
    toHono<AppEnv>(ferry)
  })

  it("hands the remoteAddress option Hono's typed context", () => {
    toHono<AppEnv>(createRouter<{ env: Bindings }>(), {
      remoteAddress: (c) => {
        expectTypeOf(c).toEqualTypeOf<Context<AppEnv>>()
        expectTypeOf(c.env.GREETING).toEqualTypeOf<string>()
        return c.req.header('x-peer')
      },
    })
  })

  it('takes any Ferry app without a type argument', () => {
    new Hono().use(toHono(createRouter<{ env: Bindings }>()))
  })
})

describe('toHono vars types', () => {
  interface User {
    readonly name: string
  }
  type AuthEnv = { Bindings: Bindings; Variables: { user: User; requestId: string } }
  const api = createRouter<{ env: Bindings; vars: { user: User } }>().route(Post, (c) => {
    expectTypeOf(c.user).toEqualTypeOf<User>()
    return c.user.name
  })

  it('refuses an app that declares vars without the option', () => {
    // @ts-expect-error: the Ferry app needs `user`, and nothing gives it
    toHono(api)
    // @ts-expect-error: options without `vars` give nothing either
    toHono(api, { basePath: '/api' })
    // @ts-expect-error: nor with the Hono env alone
    toHono<AuthEnv>(api)
  })

  it('refuses vars of the wrong type, or missing a field', () => {
    // @ts-expect-error: `user` must be a User
    toHono(api, { vars: () => ({ user: 'ada' }) })
    // @ts-expect-error: no `user`
    toHono(api, { vars: (c: Context<AuthEnv>) => ({ requestId: c.get('requestId') }) })
  })

  it("accepts vars that give the app's fields, typed from Hono's context", () => {
    const handler = toHono(api, {
      vars: (c: Context<AuthEnv>) => {
        expectTypeOf(c.get('user')).toEqualTypeOf<User>()
        return { user: c.get('user'), requestId: c.get('requestId') }
      },
    })
    expectTypeOf(handler).toExtend<MiddlewareHandler<AuthEnv>>()
    new Hono<AuthEnv>().use('/api/*', handler)
    toHono<AuthEnv, { user: User }>(api, { vars: (c) => ({ user: c.get('user') }) })
  })

  it('checks the bindings of an app with vars as well', () => {
    type NoDb = { Bindings: { GREETING: string }; Variables: { user: User } }
    // @ts-expect-error: the Hono bindings have no DB
    toHono(api, { vars: (c: Context<NoDb>) => ({ user: c.get('user') }) })
  })

  it('needs no option for an app without vars, and takes one anyway', () => {
    toHono<AuthEnv>(createRouter<{ env: Bindings }>())
    toHono(createRouter(), { vars: () => ({ user: { name: 'ada' } }) })
    // Optional vars need no option either: served directly, the app gets none as well.
    toHono<AuthEnv>(createRouter<{ vars: { user?: User } }>())
  })

  it('infers nothing once the Hono env is given alone (decision 013): give both or annotate c', () => {
    // @ts-expect-error: the app's vars are left at their default, none
    toHono<AuthEnv>(api, { vars: (c) => ({ user: c.get('user') }) })
  })
})

describe('fromHono types', () => {
  it('fits a typed router as its notFound handler and as a route handler', () => {
    const hono = new Hono<AppEnv>()
    createRouter<{ env: Bindings }>().notFound(fromHono(hono)).route(Post, fromHono(hono))
  })

  it('takes any app with a fetch handler', () => {
    fromHono({ fetch: () => new Response('ok') })
    // @ts-expect-error: not a fetch app
    fromHono({ handle: () => new Response('ok') })
  })
})
