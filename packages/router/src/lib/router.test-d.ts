import { int, kind, optional } from '@ferry/kind'
import { describe, expectTypeOf, it } from 'vitest'
import { produces } from './produces.js'
import { createRouter, type Router } from './router.js'
import type { BodySpec, ExecutionContext, FetchApp, Layer } from './types.js'

describe('router types', () => {
  const Post = kind('GET /posts/:id', { id: int, query: { rev: optional(int) } })

  it('types params from the kind and env from createRouter', () => {
    createRouter<{ env: { DB: string } }>().route(Post, (c) => {
      expectTypeOf(c.params).toEqualTypeOf<{ id: number; rev?: number | undefined }>()
      expectTypeOf(c.env).toEqualTypeOf<{ DB: string }>()
      expectTypeOf(c.body).toEqualTypeOf<undefined>()
      return null
    })
  })

  it('types the body from the body spec', () => {
    const spec = {} as BodySpec<{ title: string }>
    createRouter().route(kind('POST /posts'), { body: spec }, (c) => {
      expectTypeOf(c.body).toEqualTypeOf<{ title: string }>()
      return null
    })
  })

  it('adds layer fields and resources to the context', () => {
    const requestId: Layer<{}, { requestId: string }> = (_c, next) => next({ requestId: 'x' })
    createRouter()
      .use(requestId)
      .provide('db', () => ({ n: 1 }))
      .route(Post, (c) => {
        expectTypeOf(c.requestId).toEqualTypeOf<string>()
        expectTypeOf(c.db).toEqualTypeOf<{ n: number }>()
        return null
      })
  })

  it('refuses a layer that needs a field nothing added', () => {
    const needsUser: Layer<{ user: string }> = (_c, next) => next()
    // @ts-expect-error no layer before it adds `user`
    createRouter().use(needsUser)
  })

  it('checks href values', () => {
    const app = createRouter().route(Post, () => null)
    app.href(Post, { id: 1 })
    // @ts-expect-error id must be a number
    app.href(Post, { id: '1' })
    // @ts-expect-error a value is required for a kind with parameters
    app.href(Post)
    app.href(kind('GET /'))
    // A query key with a default may be left out of the value, as its href leaves it out.
    const Tag = kind('GET /tags/:tag', { query: { page: optional(int, 1) } })
    const tags = createRouter().route(Tag, (c) => c.params.page)
    expectTypeOf(tags.href(Tag, { tag: 'a' })).toEqualTypeOf<string>()
    // @ts-expect-error the capture stays required
    tags.href(Tag, { page: 2 })
  })

  it('types the fields an embedding gives, for layers, handlers and fetch', () => {
    type User = { name: string }
    const needsUser: Layer<{ user: User }, { role: string }> = (c, next) =>
      next({ role: c.user.name })
    const app = createRouter<{ env: { DB: string }; vars: { user: User } }>()
      .use(needsUser)
      .route(Post, (c) => {
        expectTypeOf(c.user).toEqualTypeOf<User>()
        expectTypeOf(c.role).toEqualTypeOf<string>()
        expectTypeOf(c.env).toEqualTypeOf<{ DB: string }>()
        return null
      })
      .notFound((c) => c.user.name)
    const request = new Request('http://x/')
    app.fetch(request, { DB: '' }, { vars: { user: { name: 'ada' } } })
    // @ts-expect-error the user must be a User
    app.fetch(request, { DB: '' }, { vars: { user: 'ada' } })
    // A context of any vars is refused, one without them is not: served by an adapter that
    // gives none, the app is accepted (its fields are then undefined, see createRouter).
    const anyVars: ExecutionContext = {}
    // @ts-expect-error vars of any shape
    app.fetch(request, { DB: '' }, anyVars)
    app.fetch(request, { DB: '' }, { waitUntil: () => {} })
    expectTypeOf(app).toExtend<FetchApp<{ DB: string }>>()
    createRouter<{ env: { DB: string }; vars: { user: User } }>().mount('/admin', app)
  })

  it('refuses a declaration key it does not know (a Hono habit)', () => {
    // @ts-expect-error Hono's name: Ferry reads `vars`
    createRouter<{ env: { DB: string }; Variables: { user: string } }>()
    // @ts-expect-error Hono's name: Ferry reads `env`
    createRouter<{ Bindings: { DB: string } }>()
  })

  it('refuses vars named like what the context has already', () => {
    // @ts-expect-error `env` is the bindings
    createRouter<{ vars: { env: string } }>()
    // @ts-expect-error `params` is the decoded URL value
    createRouter<{ vars: { params: string } }>()
    // @ts-expect-error `href` is a method of the context
    createRouter<{ vars: { href: string } }>()
    // @ts-expect-error `allow` is a getter of the context
    createRouter<{ vars: { allow: string } }>()
    // The router's own state is under symbols: `host` and `head` are the app's to use.
    expectTypeOf(createRouter<{ vars: { host: string; head: boolean } }>()).toEqualTypeOf<
      Router<unknown, { host: string; head: boolean }, { host: string; head: boolean }>
    >()
    expectTypeOf(createRouter<{ vars: { user: string } }>()).toEqualTypeOf<
      Router<unknown, { user: string }, { user: string }>
    >()
  })
})

describe('handler results', () => {
  const Home = kind('GET /')

  it('accepts an interface value, which is a plain object at run time', () => {
    interface PostRow {
      id: number
      title: string
    }
    const row = { id: 1, title: 'a' } as PostRow
    createRouter()
      .route(Home, () => row)
      .route(Home, async () => [row])
      .route(Home, () => ({ at: new Date() }))
  })

  it('refuses what the router cannot answer with', () => {
    // @ts-expect-error a function is no answer (a TypeError at run time)
    createRouter().route(Home, () => () => 1)
    // @ts-expect-error nor is a promise of one
    createRouter().route(Home, async () => () => 1)
  })
})

describe('fields named as the context has them (decision 014)', () => {
  it('refuses them in next(fields), as next() throws', () => {
    // @ts-expect-error `json` is a method of the context
    createRouter().use((_c, next) => next({ json: 1 }))
    // @ts-expect-error `params` is the decoded URL value
    createRouter().use((_c, next) => next({ params: {} }))
    // @ts-expect-error `toString` is on every object
    createRouter().use((_c, next) => next({ toString: 'x' }))
    const addsEnv: Layer<{}, { env: string }> = (_c, next) =>
      // @ts-expect-error `env` is the bindings
      next({ env: 'x' })
    void addsEnv
  })

  it('lets a layer hand on another request, and only a Request', () => {
    createRouter().use((c, next) => next({ request: new Request(c.request) }))
    // @ts-expect-error a request must be a Request
    createRouter().use((_c, next) => next({ request: 'x' }))
    const counted: Layer<{}, { request: Request }> = (c, next) => next({ request: c.request })
    createRouter()
      .use(counted)
      .route(kind('POST /x'), (c) => {
        expectTypeOf(c.request).toEqualTypeOf<Request>()
        return null
      })
  })

  it('keeps inline fields and declared ones working', () => {
    createRouter().use((_c, next) => next({ user: 'ada' }))
    createRouter().use((_c, next) => next())
    interface Added {
      user: string
    }
    const addsUser: Layer<{}, Added> = (_c, next) => next({ user: 'ada' })
    createRouter()
      .use(addsUser)
      .route(kind('GET /'), (c) => c.user)
    // @ts-expect-error the declared field must be given
    const forgets: Layer<{}, Added> = (_c, next) => next()
    void forgets
    const misspells: Layer<{}, { user: string; role?: string }> = (_c, next) =>
      // @ts-expect-error `rol` is not a field the layer declares
      next({ user: 'ada', rol: 'admin' })
    void misspells
    // Fields whose names are not known to the types are left to next()'s check at run time.
    const dynamic: Record<string, unknown> = { user: 'ada' }
    createRouter().use((_c, next) => next(dynamic))
  })

  it('refuses them in provide(), as provide() throws', () => {
    // @ts-expect-error `json` is a method of the context
    createRouter().provide('json', () => 1)
    // @ts-expect-error `request` is the request
    createRouter().provide('request', () => 1)
    // @ts-expect-error `constructor` is on every object
    createRouter().provide('constructor', () => 1)
    createRouter()
      .provide('host', () => 1)
      .route(kind('GET /'), (c) => c.host)
  })
})

describe('mount, redirect and use', () => {
  type User = { name: string }
  const Home = kind('GET /')
  const Post = kind('GET /posts/:id', { id: int })

  it('checks that the parent gives what a mounted router declares', () => {
    const admin = createRouter<{ vars: { user: User } }>().route(Post, (c) => c.user.name)
    createRouter<{ vars: { user: User } }>().mount('/admin', admin)
    const signIn: Layer<{}, { user: User }> = (_c, next) => next({ user: { name: 'ada' } })
    createRouter().use(signIn).mount('/admin', admin)
    // @ts-expect-error nothing gives `user`: c.user would be undefined in admin's handlers
    createRouter().mount('/admin', admin)
    const withDb = createRouter<{ env: { DB: string } }>().route(Post, (c) => c.env.DB)
    createRouter<{ env: { DB: string; KV: string } }>().mount('/db', withDb)
    // @ts-expect-error the parent's bindings have no DB
    createRouter<{ env: { KV: string } }>().mount('/db', withDb)
    createRouter<{ env: { KV: string } }>().mount(
      '/plain',
      createRouter().route(Home, () => null),
    )
  })

  it('redirects to a kind without parameters without a value', () => {
    createRouter().route(Home, (c) => c.redirect(Home))
    createRouter().route(Home, (c) => c.redirect(Home, undefined, 301))
    createRouter().route(Home, (c) => c.redirect(Post, { id: 1 }, 308))
    // @ts-expect-error a value is required for a kind with parameters
    createRouter().route(Home, (c) => c.redirect(Post))
    // @ts-expect-error a status is no value: it would redirect with 302
    createRouter().route(Home, (c) => c.redirect(Home, 301))
  })

  it('takes more than three layers in one use()', () => {
    const requestId: Layer<{}, { requestId: string }> = (_c, next) => next({ requestId: 'x' })
    const pass: Layer = (_c, next) => next()
    createRouter()
      .use(pass, pass, pass, requestId, pass)
      .route(Home, (c) => c.requestId)
  })
})

describe('onError', () => {
  it('sees layer fields and resources as maybe missing: the error may come before they are set', () => {
    type User = { name: string }
    const requestId: Layer<{}, { requestId: string }> = (_c, next) => next({ requestId: 'x' })
    createRouter<{ vars: { user: User } }>()
      .use(requestId)
      .provide('db', () => ({ n: 1 }))
      .onError((_err, c) => {
        // An embedding's vars are set before any layer runs (decision 013).
        expectTypeOf(c.user).toEqualTypeOf<User>()
        expectTypeOf(c.requestId).toEqualTypeOf<string | undefined>()
        expectTypeOf(c.db).toEqualTypeOf<{ n: number } | undefined>()
        return null
      })
  })
})

describe('produces', () => {
  it('needs at least one type, as produces() throws without', () => {
    produces('text/csv')
    produces('text/csv', 'application/json')
    // @ts-expect-error no type: every Accept would be refused
    produces()
  })
})

describe('a layer replacing a field', () => {
  it('types the field as the layer hands it on (next({ db: tx }), decision 014)', () => {
    type Db = { kind: 'db'; begin(): Tx }
    type Tx = { kind: 'tx'; commit(): void }
    const inTransaction: Layer<{ db: Db }, { db: Tx }> = (c, next) => next({ db: c.db.begin() })
    createRouter()
      .provide('db', (): Db => ({ kind: 'db', begin: () => ({ kind: 'tx', commit() {} }) }))
      .use(inTransaction)
      .route(kind('POST /x'), (c) => {
        expectTypeOf(c.db).toEqualTypeOf<Tx>()
        return null
      })
  })
})
