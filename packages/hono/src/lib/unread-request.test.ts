import { kind } from '@ferry/kind'
import { accepting, type BodySpec, createRouter } from '@ferry/router'
import { Hono, type MiddlewareHandler } from 'hono'
import { validator } from 'hono/validator'
import { describe, expect, it } from 'vitest'
import { toHono } from './to-hono.js'
import { unreadRequest } from './unread-request.js'

const Echo = kind('POST /echo')
const Note = kind('POST /notes')

/** Body specs without @ferry/body, so the tests depend on the router only. */
const json: BodySpec<unknown> = {
  ...accepting(['application/json']),
  parse: (request) => request.json(),
}
const form: BodySpec<Record<string, string>> = {
  ...accepting(['multipart/form-data', 'application/x-www-form-urlencoded']),
  parse: async (request) =>
    Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)])),
}

const ferry = createRouter()
  .route(Note, { body: json }, (c) => ({ note: c.body }))
  .route(Echo, async (c) => ({
    bytes: [...new Uint8Array(await c.request.arrayBuffer())],
    length: c.request.headers.get('content-length'),
  }))

/** A Hono app where `before` reads the body (as Hono middleware does) before Ferry sees it. */
const honoWith = (before: MiddlewareHandler) => new Hono().use(before).use(toHono(ferry))
const post = (path: string, body: BodyInit, type?: string) =>
  new Request(`http://x.test${path}`, {
    method: 'POST',
    body,
    headers: type ? { 'content-type': type } : {},
  })

describe('a body Hono middleware already read', () => {
  it("reaches Ferry's JSON body after Hono's json validator", async () => {
    const app = honoWith(validator('json', (value) => value))
    const res = await app.fetch(post('/notes', '{"title":"hi"}', 'application/json'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ note: { title: 'hi' } })
  })

  it('reaches Ferry byte for byte after c.req.arrayBuffer()', async () => {
    const app = honoWith(async (c, next) => {
      await c.req.arrayBuffer()
      await next()
    })
    const res = await app.fetch(post('/echo', new Uint8Array([0, 255, 128])))
    expect(await res.json()).toEqual({ bytes: [0, 255, 128], length: '3' })
  })

  it("reaches Ferry's form body after c.req.parseBody()", async () => {
    const app = new Hono()
      .use(async (c, next) => {
        await c.req.parseBody()
        await next()
      })
      .use(toHono(createRouter().route(Note, { body: form }, (c) => ({ note: c.body }))))
    const body = new FormData()
    body.set('title', 'hi')
    const res = await app.fetch(post('/notes', body))
    expect(await res.json()).toEqual({ note: { title: 'hi' } })
  })

  it("reaches Ferry's urlencoded form body after c.req.formData(), still urlencoded", async () => {
    const urlencoded: BodySpec<Record<string, string>> = {
      ...accepting(['application/x-www-form-urlencoded']),
      parse: async (request) => Object.fromEntries(new URLSearchParams(await request.text())),
    }
    const app = new Hono()
      .use(async (c, next) => {
        await c.req.formData()
        await next()
      })
      .use(toHono(createRouter().route(Note, { body: urlencoded }, (c) => ({ note: c.body }))))
    const res = await app.fetch(post('/notes', new URLSearchParams({ title: 'hé & 1' })))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ note: { title: 'hé & 1' } })
  })

  it('reaches Ferry with its length after c.req.text()', async () => {
    const app = honoWith(async (c, next) => {
      await c.req.text()
      await next()
    })
    const res = await app.fetch(post('/echo', 'é=1'))
    expect(await res.json()).toEqual({ bytes: [...new TextEncoder().encode('é=1')], length: '4' })
  })

  it('reaches Ferry as the text Hono decoded, labelled UTF-8, after c.req.text()', async () => {
    // Fetch's text() decodes any body as UTF-8, whatever its charset: the bytes Hono kept are that
    // text in UTF-8, and a text spec that honoured the old label would decode them wrongly again.
    const text: BodySpec<string> = {
      ...accepting(['text/plain']),
      parse: async (request) => {
        const charset = /charset=([^;]+)/i.exec(request.headers.get('content-type') ?? '')?.[1]
        return new TextDecoder(charset ?? 'utf-8').decode(await request.arrayBuffer())
      },
    }
    let honoSaw: string | undefined
    const app = new Hono()
      .use(async (c, next) => {
        honoSaw = await c.req.text()
        await next()
      })
      .use(toHono(createRouter().route(Note, { body: text }, (c) => ({ note: c.body }))))
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]) // 'café' in ISO-8859-1
    const res = await app.fetch(post('/notes', latin1, 'text/plain; charset=iso-8859-1'))
    expect(await res.json()).toEqual({ note: honoSaw })
  })

  it('does not fail the request when the read Hono cached failed (a malformed form)', async () => {
    const Ping = kind('POST /ping')
    const app = new Hono()
      .use(async (c, next) => {
        await c.req.formData().catch(() => undefined) // a tolerant Hono middleware
        await next()
      })
      .use(toHono(createRouter().route(Ping, () => 'pong')))
      .post('/legacy', (c) => c.text('hono legacy'))
    const malformed = () => post('/legacy', 'garbage', 'multipart/form-data; boundary=x')
    const legacy = await app.fetch(malformed())
    expect(legacy.status).toBe(200)
    expect(await legacy.text()).toBe('hono legacy')
    const ping = await app.fetch(post('/ping', 'garbage', 'multipart/form-data; boundary=x'))
    expect(await ping.text()).toBe('pong')
  })

  it('is left alone when nothing read it: Ferry reads the stream Hono got', async () => {
    let seen: Request | undefined
    const app = new Hono()
      .use(async (c, next) => {
        seen = c.req.raw
        await next()
      })
      .use(toHono(createRouter().route(Echo, (c) => ({ same: c.request === seen }))))
    expect(await (await app.fetch(post('/echo', 'x'))).json()).toEqual({ same: true })
  })
})

describe('unreadRequest', () => {
  /** A request whose body has been read, as `c.req.raw` is after Hono read it. */
  async function used(body: string, type = 'application/json') {
    const request = new Request('http://x.test/', {
      method: 'POST',
      body,
      headers: { 'content-type': type, 'content-length': String(body.length) },
    })
    await request.text()
    return request
  }

  it.each([
    [
      'JSON (what older Hono versions cached for c.req.json())',
      { json: Promise.resolve({ a: 1 }) },
      '{"a":1}',
    ],
    ['a Blob', { blob: new Blob(['{ "a": 1 }']) }, '{ "a": 1 }'],
  ])('rebuilds the body from %s', async (_name, cache, body) => {
    const request = await unreadRequest(await used('{ "a": 1 }'), cache)
    expect(request.bodyUsed).toBe(false)
    expect(request.headers.get('content-length')).toBe(String(body.length))
    expect(request.headers.get('content-type')).toBe('application/json')
    expect(await request.text()).toBe(body)
  })

  it("rebuilds a request that only looks like one (@hono/node-server's lazy request)", async () => {
    // @hono/node-server hands Hono an object on Request.prototype that reads Node's request
    // directly; the platform's Request constructor does not take it as its input.
    const signal = new AbortController().signal
    const lazy = Object.create(Request.prototype, {
      url: { value: 'http://x.test/notes?a=1' },
      method: { value: 'POST' },
      headers: { value: new Headers({ 'content-type': 'application/json' }) },
      bodyUsed: { value: true },
      signal: { value: signal },
    }) as Request
    const request = await unreadRequest(lazy, { text: '{"a":1}' })
    expect(request.url).toBe('http://x.test/notes?a=1')
    expect(request.method).toBe('POST')
    expect(request.headers.get('content-type')).toBe('application/json')
    expect(await request.json()).toEqual({ a: 1 })
  })

  it.each([
    ['bytes', { arrayBuffer: new TextEncoder().encode('{"a":1}').buffer }],
    ['text', { text: '{"a":1}' }],
  ])(
    'rebuilds a chunked upload from %s as a body of known length, with no Transfer-Encoding',
    async (_name, cache) => {
      // What @hono/node-server hands Hono for an upload of unknown length. RFC 9112 §6.1 forbids
      // both framing headers in one message; undici's fetch refuses to forward such a request.
      const chunked = new Request('http://x.test/', {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      })
      await chunked.text()
      const request = await unreadRequest(chunked, cache)
      expect([
        request.headers.get('transfer-encoding'),
        request.headers.get('content-length'),
      ]).toEqual([null, '7'])
    },
  )

  it('leaves a used body Hono did not cache as it is', async () => {
    const raw = await used('x')
    expect(await unreadRequest(raw, {})).toBe(raw)
  })
})
