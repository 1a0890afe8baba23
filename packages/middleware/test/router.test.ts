// The layers inside a real @ferry/router app: context fields, preflights, 404s and stacking.
import { int, kind } from '@ferry/kind'
import { bodyLimit } from '@ferry/middleware/body-limit'
import { compress } from '@ferry/middleware/compress'
import { cookies } from '@ferry/middleware/cookies'
import { cors } from '@ferry/middleware/cors'
import { csrf } from '@ferry/middleware/csrf'
import { etag, formatHttpDate } from '@ferry/middleware/etag'
import { forwarded } from '@ferry/middleware/forwarded'
import { type LogEntry, logger } from '@ferry/middleware/logger'
import { requestId } from '@ferry/middleware/request-id'
import { secureHeaders } from '@ferry/middleware/secure-headers'
import { serveStatic } from '@ferry/middleware/static'
import { createRouter } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { memorySource } from './memory-source'

const A = 'https://a.example'
const Post = kind('GET /posts/:id', { id: int })
const EditPost = kind('PUT /posts/:id', { id: int })
const Upload = kind('POST /upload')

describe('middleware in a router', () => {
  const app = createRouter()
    .use(cors({ origin: [A], credentials: true }), secureHeaders())
    .route(Post, (c) => ({ id: c.params.id }))
    .route(EditPost, () => undefined)

  it('answers a preflight with the real Allow of the path', async () => {
    const res = await app.request('/posts/1', {
      method: 'OPTIONS',
      headers: {
        origin: A,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, PUT, HEAD, OPTIONS')
    expect(res.headers.get('access-control-allow-origin')).toBe(A)
  })

  it('leaves an OPTIONS without CORS to the router', async () => {
    const res = await app.request('/posts/1', { method: 'OPTIONS' })
    expect(res.status).toBe(204)
    expect(res.headers.get('allow')).toBe('GET, PUT, HEAD, OPTIONS')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('adds CORS and security headers to 404 problems too', async () => {
    const res = await app.request('/nope', { headers: { origin: A } })
    expect(res.status).toBe(404)
    expect(res.headers.get('access-control-allow-origin')).toBe(A)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('gives no preflight to a path without routes', async () => {
    const res = await app.request('/nope', {
      method: 'OPTIONS',
      headers: { origin: A, 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(404)
    expect(res.headers.get('access-control-allow-methods')).toBeNull()
  })
})

describe('context fields', () => {
  it('types and passes requestId, cookies and client to handlers', async () => {
    const entries: LogEntry[] = []
    const app = createRouter()
      .use(requestId({ generate: () => 'r1' }), logger({ write: (e) => entries.push(e) }))
      .use(cookies(), forwarded({ trust: ['loopback'] }))
      .route(Post, (c) => {
        c.cookies.set('seen', String(c.params.id))
        return {
          id: c.requestId,
          visits: c.cookies.get('visits'),
          client: c.client.address,
          proto: c.client.protocol,
        }
      })
    const res = await app.request(
      '/posts/3',
      {
        headers: {
          cookie: 'visits=2',
          'x-forwarded-for': '203.0.113.5',
          'x-forwarded-proto': 'https',
        },
      },
      undefined,
      { remoteAddress: '127.0.0.1' },
    )
    expect(await res.json()).toEqual({
      id: 'r1',
      visits: '2',
      client: '203.0.113.5',
      proto: 'https',
    })
    expect(res.headers.getSetCookie()).toEqual(['seen=3; Path=/; Secure; HttpOnly; SameSite=Lax'])
    expect(entries).toEqual([
      expect.objectContaining({ status: 200, requestId: 'r1', path: '/posts/3' }),
    ])
  })

  it('logs the status of a failing handler', async () => {
    const entries: LogEntry[] = []
    const app = createRouter()
      .use(logger({ write: (e) => entries.push(e) }))
      .route(Post, () => {
        throw new Error('boom')
      })
      // Answers the failure quietly (the default handler logs it to the console).
      .onError(() => new Response('failed', { status: 500 }))
    const res = await app.request('/posts/1')
    await res.text()
    expect(entries).toEqual([expect.objectContaining({ status: 500 })])
  })

  it('logs a HEAD as sent in full with no bytes, and keeps its Content-Length', async () => {
    const entries: LogEntry[] = []
    const app = createRouter()
      .use(logger({ write: (e) => entries.push(e) }))
      .route(Post, () => 'hello')
    const get = await app.request('/posts/1')
    expect(await get.text()).toBe('hello')
    const head = await app.request('/posts/1', { method: 'HEAD' })
    expect(head.body).toBeNull()
    // RFC 9110 §9.3.2: HEAD gets the header fields GET would, Content-Length included.
    expect(head.headers.get('content-length')).toBe('5')
    expect(entries).toEqual([
      expect.objectContaining({ method: 'GET', bytes: 5 }),
      expect.objectContaining({ method: 'HEAD', status: 200, bytes: 0 }),
    ])
    expect(entries[1]).not.toHaveProperty('aborted')
  })
})

describe('bodyLimit and csrf in a router', () => {
  const app = createRouter()
    .use(csrf(), bodyLimit({ max: 16 }))
    .route(Upload, async (c) => `got ${(await c.request.text()).length}`)
  const chunked = (n: number) =>
    new ReadableStream({
      start(c) {
        for (let i = 0; i < n; i++) c.enqueue(new Uint8Array(8))
        c.close()
      },
    })

  it('lets a small body through and refuses a streamed large one with 413', async () => {
    expect(await (await app.request('/upload', { method: 'POST', body: 'hello' })).text()).toBe(
      'got 5',
    )
    const res = await app.request('/upload', {
      method: 'POST',
      body: chunked(10),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('refuses a cross-site form post', async () => {
    const res = await app.request('/upload', {
      method: 'POST',
      body: 'a=1',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      },
    })
    expect(res.status).toBe(403)
  })
})

describe('compress over etag', () => {
  const body = JSON.stringify({
    items: Array.from({ length: 200 }, (_, i) => ({ i, name: `item ${i}` })),
  })
  const app = createRouter()
    .use(compress(), etag())
    .route(Post, (c) => c.respond(body, { headers: { 'content-type': 'application/json' } }))

  it('weakens the ETag of a compressed body and still answers 304 to it', async () => {
    const first = await app.request('/posts/1', { headers: { 'accept-encoding': 'gzip' } })
    expect(first.headers.get('content-encoding')).toBe('gzip')
    const tag = first.headers.get('etag')!
    expect(tag.startsWith('W/"')).toBe(true)
    const text = await new Response(first.body!.pipeThrough(new DecompressionStream('gzip'))).text()
    expect(text).toBe(body)
    const again = await app.request('/posts/1', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': tag },
    })
    expect(again.status).toBe(304)
  })

  it('answers the 304 with the ETag and Vary of the compressed 200 it stands for', async () => {
    const first = await app.request('/posts/1', { headers: { 'accept-encoding': 'gzip' } })
    await first.body?.cancel()
    const again = await app.request('/posts/1', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers.get('etag')! },
    })
    expect(again.status).toBe(304)
    // RFC 9110 §15.4.5: a 304 sends the ETag and Vary a 200 would have sent.
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(again.headers.get('vary')).toBe('Accept-Encoding')
    // A client that validates the identity body still gets its strong tag back.
    const plain = await app.request('/posts/1')
    const strong = await app.request('/posts/1', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': plain.headers.get('etag')! },
    })
    expect(strong.status).toBe(304)
    expect(strong.headers.get('etag')).toBe(plain.headers.get('etag'))
  })

  it('gives every 304 the Vary its 200 had, whatever validator it answers', async () => {
    // The identity 200 (no Accept-Encoding) varies on Accept-Encoding like the compressed one.
    const plain = await app.request('/posts/1')
    expect(plain.headers.get('vary')).toBe('Accept-Encoding')
    const tag = plain.headers.get('etag')!
    const json = { 'content-type': 'application/json', 'last-modified': formatHttpDate(0) }
    const weakApp = createRouter()
      .use(compress(), etag({ weak: true }))
      .route(Post, (c) => c.respond(body, { headers: json }))
    const weakTag = (await weakApp.request('/posts/1')).headers.get('etag')!
    const answers = [
      // The strong tag of the identity body, from a client that does not take gzip ...
      await app.request('/posts/1', { headers: { 'if-none-match': tag } }),
      // ... and from one that does.
      await app.request('/posts/1', {
        headers: { 'accept-encoding': 'gzip', 'if-none-match': tag },
      }),
      // A weak tag the inner etag() made itself.
      await weakApp.request('/posts/1', {
        headers: { 'accept-encoding': 'gzip', 'if-none-match': weakTag },
      }),
      // No tag asked for: If-Modified-Since alone, answered from Last-Modified.
      await weakApp.request('/posts/1', { headers: { 'if-modified-since': formatHttpDate(0) } }),
    ]
    expect(answers.map((r) => [r.status, r.headers.get('vary')])).toEqual([
      [304, 'Accept-Encoding'],
      [304, 'Accept-Encoding'],
      [304, 'Accept-Encoding'],
      [304, 'Accept-Encoding'],
    ])
  })

  it('keeps the Content-Length of a HEAD it tagged', async () => {
    const tagged = createRouter()
      .use(etag())
      .route(Post, () => body)
    const get = await tagged.request('/posts/1')
    const head = await tagged.request('/posts/1', { method: 'HEAD' })
    expect(head.body).toBeNull()
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
    // RFC 9110 §9.3.2: HEAD gets the header fields GET would, Content-Length included.
    expect(head.headers.get('content-length')).toBe(String(new TextEncoder().encode(body).length))
  })

  it('answers HEAD without a body, with the ETag and Content-Encoding of its GET', async () => {
    const get = await app.request('/posts/1', { headers: { 'accept-encoding': 'gzip' } })
    await get.body?.cancel()
    const res = await app.request('/posts/1', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('etag')).toBe(get.headers.get('etag'))
    expect(await res.text()).toBe('')
  })
})

describe('serveStatic in a router', () => {
  const app = createRouter()
    .use(serveStatic(memorySource({ '/style.css': 'body{}' }), { prefix: '/assets' }))
    .route(Post, (c) => ({ id: c.params.id }))

  it('serves files and falls through to routes', async () => {
    const css = await app.request('/assets/style.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await css.text()).toBe('body{}')
    expect(await (await app.request('/posts/9')).json()).toEqual({ id: 9 })
    expect((await app.request('/assets/missing.css')).status).toBe(404)
    expect((await app.request('/assets/..%2f..%2fetc%2fpasswd')).status).toBe(400)
  })
})

describe('refusals pass back out through outer layers', () => {
  const app = createRouter()
    .use(secureHeaders(), cors({ origin: [A] }), bodyLimit({ max: 4 }))
    .route(Upload, async (c) => c.request.text())

  it('lets the page read a 413 (CORS and security headers on the problem)', async () => {
    const res = await app.request('/upload', {
      method: 'POST',
      body: 'too long',
      headers: { origin: A, 'content-length': '8' },
    })
    expect(res.status).toBe(413)
    expect(res.headers.get('access-control-allow-origin')).toBe(A)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.json()).toMatchObject({ status: 413, limit: 'bodySize', max: 4 })
  })

  it('keeps security headers on a CORS rejection', async () => {
    const strict = createRouter()
      .use(secureHeaders(), cors({ origin: [A], disallowed: 'reject' }))
      .route(Post, (c) => ({ id: c.params.id }))
    const res = await strict.request('/posts/1', { headers: { origin: 'https://evil.test' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })
})

// RFC 9110 §9.3.2: a HEAD is answered with the header fields its GET would have.
describe('compress() answers a HEAD with the headers of its GET', () => {
  const css = `body { color: black; }\n`.repeat(200)
  const Page = kind('GET /page')
  const app = createRouter()
    .use(compress(), serveStatic(memorySource({ '/site.css': css }), { prefix: '/assets' }))
    .route(Page, (c) => c.text(css))
    .route(kind('GET /short'), () => 'short')
  const fields = (res: Response) =>
    ['content-encoding', 'content-length', 'vary', 'etag', 'accept-ranges'].map((h) =>
      res.headers.get(h),
    )
  const gzip = { 'accept-encoding': 'gzip' }

  it.each([
    ['a route whose GET answers HEAD', '/page'],
    ['serveStatic, which answers HEAD without a body', '/assets/site.css'],
  ])('%s', async (_n, path) => {
    const get = await app.request(path, { headers: gzip })
    const head = await app.request(path, { method: 'HEAD', headers: gzip })
    expect(get.headers.get('content-encoding')).toBe('gzip')
    expect(fields(head)).toEqual(fields(get))
    expect(await head.text()).toBe('')
    expect(await new Response(get.body!.pipeThrough(new DecompressionStream('gzip'))).text()).toBe(
      css,
    )
  })

  it('a small body stays identity for both', async () => {
    const get = await app.request('/short', { headers: gzip })
    const head = await app.request('/short', { method: 'HEAD', headers: gzip })
    expect(fields(get)).toEqual([null, '5', 'Accept-Encoding', null, null])
    expect(fields(head)).toEqual(fields(get))
  })

  it('a HEAD answered without a body or a length keeps its identity headers', async () => {
    const bare = createRouter()
      .use(compress())
      .route(
        kind(['HEAD'], '/feed'),
        () => new Response(null, { headers: { 'content-type': 'text/plain' } }),
      )
    const head = await bare.request('/feed', { method: 'HEAD', headers: gzip })
    expect(fields(head)).toEqual([null, null, 'Accept-Encoding', null, null])
  })
})
