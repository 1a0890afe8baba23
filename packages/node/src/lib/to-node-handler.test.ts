import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ExecutionContext } from '@ferry/router'
import { afterEach, expect, it } from 'vitest'
import { Response as FastResponse } from '@whatwg-node/server'
import { rawExchange } from '../../../../test-support/raw-exchange.js'
import { toNodeHandler } from './to-node-handler.js'

let server: Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(listener)
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)
    }),
  )
}

const whereApp = {
  async fetch(request: Request, _env?: unknown, ctx?: ExecutionContext) {
    return Response.json({ path: new URL(request.url).pathname, basePath: ctx?.basePath ?? null })
  },
}

it('serves an app from a plain node:http server', async () => {
  const origin = await listen(toNodeHandler(whereApp))
  expect(await (await fetch(`${origin}/posts/1`)).json()).toEqual({
    path: '/posts/1',
    basePath: null,
  })
})

it('hands an Express mount path to the app as basePath, with the full URL', async () => {
  const handler = toNodeHandler(whereApp)
  // What express().use('/api', handler) does to the request before calling the handler.
  const origin = await listen(
    (req: IncomingMessage & { baseUrl?: string; originalUrl?: string }, res) => {
      req.originalUrl = req.url
      req.baseUrl = '/api'
      req.url = req.url!.slice('/api'.length) || '/'
      void handler(req, res)
    },
  )
  expect(await (await fetch(`${origin}/api/posts/1`)).json()).toEqual({
    path: '/api/posts/1',
    basePath: '/api',
  })
})

it.each([
  { name: 'under an Express mount path', baseUrl: '/api' },
  { name: 'under a Connect mount path (no baseUrl)', baseUrl: undefined },
])('takes the URL of an absolute-form target $name (RFC 9112 §3.2.2)', async ({ baseUrl }) => {
  const handler = toNodeHandler({
    async fetch(request: Request) {
      const url = new URL(request.url)
      return new FastResponse(JSON.stringify({ host: url.host, path: url.pathname }))
    },
  })
  // What a mount under /api does with `GET http://other/api/x`: Express keeps the scheme and
  // host in req.url (its router's trim_prefix), Connect too; originalUrl is the target as sent.
  const origin = await listen(
    (req: IncomingMessage & { baseUrl?: string; originalUrl?: string }, res) => {
      req.originalUrl = req.url
      if (baseUrl) req.baseUrl = baseUrl
      req.url = req.url!.replace('/api/', '/')
      void handler(req, res)
    },
  )
  const out = await rawExchange(
    origin,
    'GET http://other/api/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
  )
  // The URL was put together from the host and the absolute target: `http://otherhttp://...`.
  expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
  expect(JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4))).toEqual({
    host: 'other',
    path: '/api/x',
  })
})

/** Sends `GET target` with `host` as the Host header, as is, and resolves with the answer. */
function rawGet(
  origin: string,
  target: string,
  host: string,
): Promise<{ status: number; reason: string | undefined; type: string | undefined; body: string }> {
  const { port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: target, setHost: false, headers: { host } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => {
          body += d
        })
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            reason: res.statusMessage,
            type: res.headers['content-type'],
            body,
          }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** An app that answers 'app' and records whether it was called (however `fetch` is called). */
function watchedApp(): { called: boolean; fetch(): Promise<Response> } {
  const app = {
    called: false,
    fetch: async () => {
      app.called = true
      return new Response('app')
    },
  }
  return app
}

it.each([
  ['a path in the Host', '/posts/1', 'a/b'],
  ['a query in the Host', '/posts/1', 'a?b'],
  ['a fragment in the Host', '/posts/1', 'a#b'],
  ['user info in the Host', '/posts/1', 'user@evil'],
  ['an asterisk target for GET', '*', 'a'],
  ['an absolute target with user info', 'http://u@a/posts/1', 'a'],
])('answers 400 with a problem for %s, before the app runs', async (_name, target, host) => {
  const app = watchedApp()
  const origin = await listen(toNodeHandler(app))
  const answer = await rawGet(origin, target, host)
  expect(answer.status).toBe(400)
  expect(answer.reason).toBe('Bad Request')
  expect(answer.type).toBe('application/problem+json')
  expect(JSON.parse(answer.body)).toMatchObject({ status: 400, title: 'Bad Request' })
  expect(app.called).toBe(false)
})

it('takes the URL of an absolute-form target and ignores Host (RFC 9112 §3.2.2)', async () => {
  const seen: string[] = []
  const origin = await listen(
    toNodeHandler({
      async fetch(request: Request) {
        seen.push(request.url)
        return new Response('ok')
      },
    }),
  )
  const answer = await rawGet(origin, 'http://other.example:8080/posts/2?x=1', 'a')
  expect(answer.status).toBe(200)
  expect(seen).toEqual(['http://other.example:8080/posts/2?x=1'])
})

it('keeps serving names with digits, dots, dashes, underscores, ports and IPv6 literals', async () => {
  const hosts: string[] = []
  const origin = await listen(
    toNodeHandler({
      async fetch(request: Request) {
        hosts.push(new URL(request.url).host)
        return new Response('ok')
      },
    }),
  )
  const valid = ['api-1.example.com:3000', 'my_service', '[::1]:8080', '10.0.0.1']
  for (const host of valid) expect((await rawGet(origin, '/', host)).status).toBe(200)
  expect(hosts).toEqual(valid)
})

it.each([
  ['Content-Length', { 'content-length': '1000000' }],
  ['chunked', { 'transfer-encoding': 'chunked' }],
])(
  'fails the body read and aborts request.signal when a %s upload is cut off',
  async (_name, headers) => {
    let arrived = false
    let outcome: Promise<string> | undefined
    let signal: AbortSignal | undefined
    const origin = await listen(
      toNodeHandler({
        async fetch(request: Request) {
          signal = request.signal
          outcome = request.text().then(
            () => 'read',
            (e: Error) => `failed: ${e.message}`,
          )
          arrived = true
          return new Response(await outcome)
        },
      }),
    )
    const client = httpRequest(`${origin}/upload`, { method: 'POST', headers })
    client.on('error', () => {})
    client.write('only part of it')
    await expect.poll(() => arrived).toBe(true)
    client.destroy()
    // Before the fix the read never settled: the app waited for the rest of the body forever.
    expect(await outcome).toMatch(/^failed: /)
    expect(signal!.aborted).toBe(true)
  },
)

it.each([
  ['a repeated parameter', '/api/items?tag=a&tag=b', { tag: ['a', 'b'] }],
  ['a nested parameter (qs)', '/api/items?filter[kind]=post', { filter: { kind: 'post' } }],
  ['a parameter without a value', '/api/items?draft', { draft: '' }],
])(
  'hands the app the query the client sent under Express, with %s',
  async (_name, target, query) => {
    const seen: string[] = []
    const after: unknown[] = []
    const handler = toNodeHandler({
      async fetch(request: Request) {
        seen.push(new URL(request.url).search)
        return new Response('ok')
      },
    })
    // What express().use('/api', handler) does, its query parser included.
    const origin = await listen(
      (req: IncomingMessage & { baseUrl?: string; originalUrl?: string; query?: unknown }, res) => {
        req.originalUrl = req.url
        req.baseUrl = '/api'
        req.url = req.url!.slice('/api'.length) || '/'
        req.query = query
        res.on('finish', () => after.push(req.query))
        void handler(req, res)
      },
    )
    expect((await rawGet(origin, target, 'a')).status).toBe(200)
    // Express's own req.query is left as it was, for the middleware that runs after.
    expect(after).toEqual([query])
    // @whatwg-node/server set each key of the parsed query on the URL: tag=a%2Cb, [object Object].
    expect(seen).toEqual([target.slice(target.indexOf('?'))])
  },
)

it('answers OPTIONS * for the server as a whole (RFC 9110 §9.3.7), before the app runs', async () => {
  const app = watchedApp()
  const origin = await listen(toNodeHandler(app))
  const answer = await new Promise<{
    status: number
    allow?: string
    length?: string
    body: string
  }>((resolve, reject) => {
    const req = httpRequest(`${origin}`, { method: 'OPTIONS', path: '*' }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => {
        body += d
      })
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          allow: res.headers.allow,
          length: res.headers['content-length'],
          body,
        }),
      )
    })
    req.on('error', reject)
    req.end()
  })
  // Before: 400 "the request target is not a path", for a request the RFC allows.
  expect(answer).toEqual({
    status: 200,
    allow: 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
    length: '0',
    body: '',
  })
  expect(app.called).toBe(false)
})

it.each([
  ['undefined', undefined],
  ['a plain object', { status: 200 }],
])('answers 500 when the app resolves with %s instead of a Response', async (_name, value) => {
  const origin = await listen(
    toNodeHandler({
      async fetch() {
        return value as unknown as Response
      },
    }),
  )
  const answer = await rawGet(origin, '/', 'a')
  expect(answer.status).toBe(500)
  expect(answer.body).toBe('')
})

it.each([
  ['a plain request', false],
  ['an Express request', true],
])(
  'serves an app whose fetch answers synchronously (Hono, srvx style), for %s',
  async (_name, mounted) => {
    // FetchApp says Promise<Response>; Bun.serve, Deno.serve and Hono's own fetch take either.
    const handler = toNodeHandler({
      fetch: () => new Response('sync') as unknown as Promise<Response>,
    })
    const origin = await listen((req: IncomingMessage & { originalUrl?: string }, res) => {
      if (mounted) req.originalUrl = req.url
      void handler(req, res)
    })
    // Before: `answer.then is not a function`, thrown from the request listener, ended the process.
    const answer = await rawGet(origin, '/', 'a')
    expect(answer.status).toBe(200)
    expect(answer.body).toBe('sync')
  },
)

it('gives the app every Content-Type field of a request with a body, joined as Bun and Deno do', async () => {
  const origin = await listen(
    toNodeHandler({
      fetch: async (request) => new FastResponse(request.headers.get('content-type')),
    }),
  )
  const out = await rawExchange(
    origin,
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n' +
      'content-type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
  )
  // Node kept the first alone: a JSON spec read a body the client also called text.
  expect(out.endsWith('\r\n\r\napplication/json, text/plain')).toBe(true)
  const one = await rawExchange(
    origin,
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
  )
  expect(one.endsWith('\r\n\r\napplication/json')).toBe(true)
})

it('gives the app every line of a field Node keeps once (Authorization, User-Agent), joined', async () => {
  const seen = ['authorization', 'user-agent', 'if-modified-since', 'accept']
  const origin = await listen(
    toNodeHandler({
      fetch: async (request) =>
        new FastResponse(seen.map((name) => request.headers.get(name)).join('|')),
    }),
  )
  const out = await rawExchange(
    origin,
    'GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer one\r\nUser-Agent: x\r\n' +
      'authorization: Bearer two\r\nIf-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT\r\n' +
      'Accept: a/b\r\nAccept: c/d\r\nConnection: close\r\n\r\n',
  )
  // Node kept `Bearer one` alone, where Bun and Deno give `Bearer one, Bearer two`.
  expect(out.split('\r\n\r\n')[1]).toBe(
    'Bearer one, Bearer two|x|Sat, 01 Jan 2000 00:00:00 GMT|a/b, c/d',
  )
})
