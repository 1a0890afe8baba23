import { int, kind, optional, str } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { accepting } from './accepting.js'
import { HttpError } from './http-error.js'
import { produces } from './produces.js'
import { createRouter } from './router.js'
import type { BodySpec } from './types.js'

// A small body spec, as @ferry/body will implement the interface: JSON objects up to 64 bytes.
const tinyJson: BodySpec<Record<string, unknown>> = {
  ...accepting(['application/json', '*/*+json']),
  async parse(request) {
    const text = await request.text()
    if (text.length > 64) throw new HttpError(413, { detail: 'body over 64 bytes', limit: 'size' })
    try {
      return JSON.parse(text)
    } catch {
      throw new HttpError(400, { detail: 'malformed JSON' })
    }
  },
}

const Post = kind('GET /posts/:id', { id: int, query: { rev: optional(int) } })
const EditPost = kind(['PUT', 'PATCH'], '/posts/:id', { id: int })
const CreatePost = kind('POST /posts')
const Secret = kind('GET /secret')
const Report = kind('GET /report')

const app = createRouter()
  .route(Post, (c) => ({ id: c.params.id, rev: c.params.rev ?? null }))
  .route(EditPost, { body: tinyJson }, (c) => ({ id: c.params.id, body: c.body }))
  .route(CreatePost, { body: tinyJson, produces: produces('application/json') }, (c) =>
    c.json(c.body, { status: 201 }),
  )
  .route(
    Secret,
    { guard: (c) => c.request.headers.get('authorization') === 'Bearer ok' },
    () => 'secret',
  )
  .route(
    Report,
    {
      guard: (c) => {
        if (!c.request.headers.has('authorization')) {
          throw new HttpError(401, {
            detail: 'sign in first',
            headers: { 'www-authenticate': 'Bearer' },
          })
        }
      },
      produces: produces('text/csv'),
    },
    () => new Response('a,b\n', { headers: { 'content-type': 'text/csv' } }),
  )

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  return (await res.json()) as Record<string, unknown>
}

describe('dispatch steps (DESIGN §3)', () => {
  it('1. answers 404 with a problem naming the path step', async () => {
    const res = await app.request('/nothing/here')
    expect(res.status).toBe(404)
    expect(await problemOf(res)).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      step: 'path',
    })
  })

  it('1. a capture codec that refuses is no match: /posts/abc and /posts/007 are 404', async () => {
    expect((await app.request('/posts/abc')).status).toBe(404)
    expect((await app.request('/posts/007')).status).toBe(404)
  })

  it('1. a malformed percent escape is a 400, not a crash', async () => {
    const res = await app.request('/posts/%zz')
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ step: 'path' })
  })

  it('1. routes a Request whose URL keeps a fragment by its path and query alone', async () => {
    // `Request#url` keeps a fragment; in-process callers (tests, service bindings) can pass one.
    const at = (url: string) => app.fetch(new Request(`http://x${url}`))
    expect(await (await at('/posts/7#c')).json()).toEqual({ id: 7, rev: null })
    expect(await (await at('/posts/7?rev=2#top')).json()).toEqual({ id: 7, rev: 2 })
    expect(await (await at('/posts/7#x?rev=2')).json()).toEqual({ id: 7, rev: null })
    expect(await (await at('/posts/7?rev=2#x?rev=3#y')).json()).toEqual({ id: 7, rev: 2 })
    const secret = await at('/secret#x')
    expect(secret.status).toBe(403)
    const slash = await at('/secret/?a=1#x?b')
    expect(slash.status).toBe(308)
    expect(slash.headers.get('location')).toBe('/secret?a=1')
    expect((await at('/nothing#/secret')).status).toBe(404)
  })

  it('2. answers 405 with Allow as the union over every kind on the path', async () => {
    const res = await app.request('/posts/7', { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, PUT, PATCH, HEAD, OPTIONS')
    expect(await problemOf(res)).toMatchObject({ status: 405, step: 'method' })
  })

  it('2. answers OPTIONS with 204 and Allow', async () => {
    const res = await app.request('/posts/7', { method: 'OPTIONS' })
    expect(res.status).toBe(204)
    expect(res.headers.get('allow')).toBe('GET, PUT, PATCH, HEAD, OPTIONS')
    expect(await res.text()).toBe('')
  })

  it('2. answers HEAD with the GET headers and no body', async () => {
    const get = await app.request('/posts/7')
    const head = await app.request('/posts/7', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
    const body = await get.text()
    expect(head.headers.get('content-length')).toBe(String(new TextEncoder().encode(body).length))
    expect(await head.text()).toBe('')
  })

  it('3. a guard returning false answers 403', async () => {
    const res = await app.request('/secret')
    expect(res.status).toBe(403)
    expect(await problemOf(res)).toMatchObject({ status: 403, step: 'guard' })
    expect(
      await (await app.request('/secret', { headers: { authorization: 'Bearer ok' } })).text(),
    ).toBe('secret')
  })

  it('3. a guard throwing HttpError(401) answers 401 with its headers', async () => {
    const res = await app.request('/report')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(await problemOf(res)).toMatchObject({
      status: 401,
      detail: 'sign in first',
      step: 'guard',
    })
  })

  it('4. a Content-Type the body spec does not accept is 415, listing what would do', async () => {
    const res = await app.request('/posts', {
      method: 'POST',
      body: 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(415)
    expect(res.headers.get('accept-post')).toBe('application/json, */*+json')
    expect(await problemOf(res)).toMatchObject({
      step: 'content-type',
      accepts: ['application/json', '*/*+json'],
    })
  })

  it('4. a request without Content-Type is 415 for a typed body', async () => {
    const res = await app.request('/posts', { method: 'POST', body: new Uint8Array([1]) })
    expect(res.status).toBe(415)
  })

  it('4. structured-syntax suffixes match */*+json', async () => {
    const res = await app.request('/posts', {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/merge-patch+json; charset=utf-8' },
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ a: 1 })
  })

  it('5. an Accept that refuses what the route produces is 406', async () => {
    const res = await app.request('/report', {
      headers: { authorization: 'x', accept: 'application/json' },
    })
    expect(res.status).toBe(406)
    expect(await problemOf(res)).toMatchObject({ step: 'accept', produces: ['text/csv'] })
    const ok = await app.request('/report', {
      headers: { authorization: 'x', accept: 'text/*;q=0.5, application/json' },
    })
    expect(ok.status).toBe(200)
    const refused = await app.request('/report', {
      headers: { authorization: 'x', accept: 'text/csv;q=0, */*' },
    })
    expect(refused.status).toBe(406)
  })

  it('6. a bad query value is 400 naming the key; a good one reaches the handler', async () => {
    const res = await app.request('/posts/7?rev=two')
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ step: 'query', key: 'rev' })
    expect(await (await app.request('/posts/7?rev=2')).json()).toEqual({ id: 7, rev: 2 })
  })

  it('6. a body over its limit is 413, malformed is 400, from the body spec', async () => {
    const big = await app.request('/posts/1', {
      method: 'PUT',
      body: JSON.stringify({ x: 'y'.repeat(100) }),
      headers: { 'content-type': 'application/json' },
    })
    expect(big.status).toBe(413)
    expect(await problemOf(big)).toMatchObject({ step: 'body', limit: 'size' })
    const bad = await app.request('/posts/1', {
      method: 'PATCH',
      body: '{',
      headers: { 'content-type': 'application/json' },
    })
    expect(bad.status).toBe(400)
    const ok = await app.request('/posts/1', {
      method: 'PATCH',
      body: '{"t":1}',
      headers: { 'content-type': 'application/json' },
    })
    expect(await ok.json()).toEqual({ id: 1, body: { t: 1 } })
  })

  it('checks the guard before the Content-Type, and the Content-Type before Accept', async () => {
    const Guarded = kind('POST /guarded')
    const g = createRouter().route(
      Guarded,
      { guard: () => false, body: tinyJson, produces: produces('text/csv') },
      () => 'x',
    )
    expect((await g.request('/guarded', { method: 'POST', body: 'x' })).status).toBe(403)
    const h = createRouter().route(
      Guarded,
      { body: tinyJson, produces: produces('text/csv') },
      () => 'x',
    )
    expect(
      (
        await h.request('/guarded', {
          method: 'POST',
          body: 'x',
          headers: { accept: 'application/json' },
        })
      ).status,
    ).toBe(415)
  })

  it('7. a thrown error is a bare 500 problem through onError, without a stack', async () => {
    const Boom = kind('GET /boom')
    const seen: unknown[] = []
    const a = createRouter()
      .route(Boom, () => {
        throw new Error('secret internals')
      })
      .onError((err) => {
        seen.push(err)
        return new Response('sorry', { status: 500 })
      })
    const res = await a.request('/boom')
    expect(res.status).toBe(500)
    expect(await res.text()).toBe('sorry')
    expect((seen[0] as Error).message).toBe('secret internals')
  })

  it('7. without onError the 500 body says nothing of the error', async () => {
    const Boom = kind('GET /boom')
    const a = createRouter().route(Boom, () => {
      throw new Error('secret internals')
    })
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      const res = await a.request('/boom')
      expect(res.status).toBe(500)
      const text = await res.text()
      expect(text).not.toContain('secret')
      expect(text).not.toContain('at ')
      expect(errors).toHaveLength(1)
    } finally {
      console.error = original
    }
  })

  it('7. an onError that returns nothing (it only logs) leaves the 500, not a 204', async () => {
    const seen: unknown[] = []
    const a = createRouter()
      .route(kind('GET /boom'), () => {
        throw new Error('secret internals')
      })
      .onError((err) => {
        seen.push(err)
      })
    const res = await a.request('/boom')
    expect(res.status).toBe(500)
    expect(await problemOf(res)).toMatchObject({ status: 500, step: 'handler' })
    expect(seen).toHaveLength(1)
  })

  it('1. a notFound that returns nothing leaves the 404 problem, not a 204', async () => {
    const a = createRouter()
      .route(kind('GET /a'), () => 'a')
      .notFound(() => undefined)
    const res = await a.request('/missing')
    expect(res.status).toBe(404)
    expect(await problemOf(res)).toMatchObject({ status: 404, step: 'path' })
  })

  it('7. a handler may throw HttpError for a problem of its own', async () => {
    const Gone = kind('GET /gone')
    const a = createRouter().route(Gone, () => {
      throw new HttpError(410, { detail: 'moved on', type: 'https://example.com/gone' })
    })
    const res = await a.request('/gone')
    expect(res.status).toBe(410)
    expect(await problemOf(res)).toEqual({
      type: 'https://example.com/gone',
      title: 'Gone',
      status: 410,
      detail: 'moved on',
      step: 'handler',
    })
  })
})

describe('the best outcome over all candidates wins', () => {
  const ByInt = kind('GET /items/:id', { id: int })
  const ByName = kind('GET /items/:name', { name: str })
  const JsonIn = kind('POST /upload')
  const TextIn = kind('POST /upload')
  const textSpec: BodySpec<string> = { ...accepting(['text/plain']), parse: (r) => r.text() }

  const a = createRouter()
    .route(ByInt, (c) => `int ${c.params.id}`)
    .route(ByName, (c) => `name ${c.params.name}`)
    .route(JsonIn, { body: tinyJson }, () => 'json')
    .route(TextIn, { body: textSpec }, (c) => `text ${c.body}`)

  it('a capture that does not decode lets the next kind try', async () => {
    expect(await (await a.request('/items/42')).text()).toBe('int 42')
    expect(await (await a.request('/items/bolt')).text()).toBe('name bolt')
  })

  it('a candidate failing at Content-Type lets a later one accept', async () => {
    const res = await a.request('/upload', {
      method: 'POST',
      body: 'hi',
      headers: { 'content-type': 'text/plain' },
    })
    expect(await res.text()).toBe('text hi')
  })

  it('a candidate failing at its query lets a later one answer, and answers itself when it passes', async () => {
    const Paged = kind('GET /list', { query: { page: int } })
    const All = kind('GET /list')
    const b = createRouter()
      .route(Paged, (c) => `page ${c.params.page}`)
      .route(All, () => 'all')
    expect(await (await b.request('/list?page=2')).text()).toBe('page 2')
    expect(await (await b.request('/list?page=two')).text()).toBe('all')
    expect(await (await b.request('/list')).text()).toBe('all')
    const alone = createRouter().route(Paged, (c) => `page ${c.params.page}`)
    const res = await alone.request('/list?page=two')
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ step: 'query', key: 'page' })
  })

  it("a mount's layer fields are gone when the next mount's routes run", async () => {
    // Both mounts serve `/area/list`; the first's candidate fails its query check, so the second
    // answers. The first's layer signed the request in: its field must not reach the second,
    // whose own layer would otherwise take it for its own sign-in.
    const signed = createRouter()
      .use<{ user?: string }>((_c, next) => next({ user: 'from the first mount' }))
      .route(kind('GET /list', { query: { page: int } }), (c) => `page ${c.params.page}`)
    const open = createRouter()
      .use<{ user?: string }>((c, next) =>
        next((c as { user?: string }).user ? {} : { user: 'guest' }),
      )
      .route(kind('GET /list'), (c) => `user ${c.user}`)
    const app = createRouter().mount('/area', signed).mount('/area', open)
    expect(await (await app.request('/area/list?page=2')).text()).toBe('page 2')
    expect(await (await app.request('/area/list?page=two')).text()).toBe('user guest')
  })

  it('the furthest failure is the answer when none accepts', async () => {
    const Two = kind('GET /two')
    const b = createRouter()
      .route(Two, { guard: () => false }, () => 'a')
      .route(Two, { produces: produces('text/csv') }, () => 'b')
    const res = await b.request('/two', { headers: { accept: 'application/json' } })
    // The second got further (Accept, step 5) than the first (guard, step 3).
    expect(res.status).toBe(406)
  })
})

// RFC 9110 §12.5.5: an answer chosen by Accept says so, or a shared cache would serve the CSV it
// stored to a client that asked for JSON.
describe('Vary: Accept on answers chosen by produces', () => {
  const Export = kind('GET /export')
  const Plain = kind('GET /plain')
  const Redirect = kind('GET /moved')
  const sent = (body: string, headers: Record<string, string>) => new Response(body, { headers })
  const app = createRouter()
    .route(Export, { produces: produces('text/csv') }, () =>
      sent('a,b\n', { 'content-type': 'text/csv', vary: 'Origin' }),
    )
    .route(Export, { produces: produces('application/json') }, () => ({ a: 1 }))
    .route(Plain, () => 'plain')
    .route(Plain, { produces: produces('text/csv') }, () => 'never')
    .route(Redirect, { produces: produces('text/html') }, () => Response.redirect('http://x/', 302))
  const get = (path: string, accept: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { accept } })

  it.each([
    ['the first route', 'text/csv', 200, 'Origin, Accept'],
    ['a later route', 'application/json', 200, 'Accept'],
    ['the 406 when none fits', 'image/png', 406, 'Accept'],
  ])('are on %s', async (_n, accept, status, vary) => {
    const res = await get('/export', accept)
    expect(res.status).toBe(status)
    expect(res.headers.get('vary')).toBe(vary)
  })

  it('are on a HEAD answer too, and the layers see them', async () => {
    let seen: string | null = null
    const layered = createRouter()
      .use(async (_c, next) => {
        const res = await next()
        seen = res.headers.get('vary')
        return res
      })
      .route(Export, { produces: produces('application/json') }, () => ({ a: 1 }))
    const res = await layered.request('/export', { method: 'HEAD' })
    expect([seen, res.headers.get('vary')]).toEqual(['Accept', 'Accept'])
  })

  it('are not added twice, nor beside Vary: *', async () => {
    const twice = createRouter().route(Export, { produces: produces('text/csv') }, () =>
      sent('x', { vary: 'accept-encoding, ACCEPT' }),
    )
    expect((await twice.request('/export')).headers.get('vary')).toBe('accept-encoding, ACCEPT')
    const star = createRouter().route(Export, { produces: produces('text/csv') }, () =>
      sent('x', { vary: '*' }),
    )
    expect((await star.request('/export')).headers.get('vary')).toBe('*')
  })

  it('are left out where Accept chose nothing (no produces checked)', async () => {
    const res = await get('/plain', 'image/png')
    expect(await res.text()).toBe('plain')
    expect(res.headers.get('vary')).toBeNull()
    expect((await app.request('/posts/1')).headers.get('vary')).toBeNull()
  })

  it("leave a handler's Response with immutable headers as it is", async () => {
    const res = await get('/moved', 'text/html')
    expect(res.status).toBe(302)
    expect(res.headers.get('vary')).toBeNull()
  })
})

describe('methods', () => {
  it('routes arbitrary method tokens and lists them in Allow', async () => {
    const Dav = kind('PROPFIND /dav/:path')
    const Get = kind('GET /dav/:path')
    const a = createRouter()
      .route(Dav, (c) => `props of ${c.params.path}`)
      .route(Get, () => 'get')
    expect(await (await a.request('/dav/x', { method: 'PROPFIND' })).text()).toBe('props of x')
    const res = await a.request('/dav/x', { method: 'MKCOL' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('PROPFIND, GET, HEAD, OPTIONS')
  })

  it('lets a route that handles OPTIONS answer it', async () => {
    const Opt = kind(['OPTIONS', 'GET'], '/o')
    const a = createRouter().route(Opt, (c) => `${c.request.method}!`)
    expect(await (await a.request('/o', { method: 'OPTIONS' })).text()).toBe('OPTIONS!')
  })
})

describe('plain routes (no layers, guards, body or query)', () => {
  it('answer a rejected async handler through onError, and an async HttpError as its problem', async () => {
    const a = createRouter()
      .route(kind('GET /reject'), async () => {
        throw new Error('later')
      })
      .route(kind('GET /gone'), async () => {
        throw new HttpError(410)
      })
      .onError((e) => ({ caught: (e as Error).message }))
    expect(await (await a.request('/reject')).json()).toEqual({ caught: 'later' })
    expect((await a.request('/gone')).status).toBe(410)
  })
})

describe('body routes without layers or guards', () => {
  const Echo = kind('POST /echo')
  const spec = (parse: BodySpec<unknown>['parse']): BodySpec<unknown> => ({
    ...accepting(['text/plain']),
    parse,
  })
  const post = (a: { request: (p: string, i: RequestInit) => Promise<Response> }) =>
    a.request('/echo', { method: 'POST', body: 'hi', headers: { 'content-type': 'text/plain' } })

  it('take a spec that answers synchronously, and one that throws before reading', async () => {
    const sync = createRouter().route(
      Echo,
      { body: spec(((r: Request) => r.headers.get('content-type')) as never) },
      (c) => ({ got: c.body }),
    )
    expect(await (await post(sync)).json()).toEqual({ got: 'text/plain' })
    const thrown = createRouter()
      .route(
        Echo,
        {
          body: spec(() => {
            throw new HttpError(413, { detail: 'too big' })
          }),
        },
        () => 'never',
      )
      .route(
        kind('POST /boom'),
        {
          body: spec(() => {
            throw new Error('spec bug')
          }),
        },
        () => 'never',
      )
      .onError(() => 'handled')
    const res = await post(thrown)
    expect([res.status, (await res.json()).step]).toEqual([413, 'body'])
    const boom = await thrown.request('/boom', {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    })
    expect(await boom.text()).toBe('handled')
  })

  it('answer an HttpError that a spec throws from its Content-Type check as its problem', async () => {
    const strict: BodySpec<string> = {
      accepts: ['text/plain'],
      contentType() {
        throw new HttpError(415, { detail: 'plain text only' })
      },
      parse: (r) => r.text(),
    }
    const answer = (a: { request: (p: string, i: RequestInit) => Promise<Response> }) =>
      a.request('/echo', { method: 'POST', body: 'hi', headers: { 'content-type': 'text/csv' } })
    const bare = createRouter().route(Echo, { body: strict }, () => 'never')
    const layered = createRouter()
      .use((_c, next) => next())
      .route(Echo, { body: strict }, () => 'never')
    for (const a of [bare, layered]) {
      const res = await answer(a)
      expect(res.status).toBe(415)
      expect(await problemOf(res)).toMatchObject({ status: 415, detail: 'plain text only' })
    }
  })

  it('hand the spec the parsed media type and parameters', async () => {
    const seen: unknown[] = []
    const a = createRouter().route(
      Echo,
      {
        body: spec(async (_r, ctx) => {
          seen.push([ctx.mediaType, { ...ctx.mediaParams }])
          return null
        }),
      },
      () => undefined,
    )
    for (let i = 0; i < 2; i++) {
      const res = await a.request('/echo', {
        method: 'POST',
        body: 'x',
        headers: { 'content-type': 'Text/Plain; Charset="utf-8"' },
      })
      expect(res.status).toBe(204)
    }
    expect(seen).toEqual([
      ['text/plain', { charset: 'utf-8' }],
      ['text/plain', { charset: 'utf-8' }],
    ])
  })
})
