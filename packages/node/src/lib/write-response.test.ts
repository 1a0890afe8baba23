import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { Response as FastResponse } from '@whatwg-node/server'
import { afterEach, expect, it } from 'vitest'
import { rawExchange } from '../../../../test-support/raw-exchange.js'
import { toNodeHandler } from './to-node-handler.js'

let server: Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

let closedResponses = 0

function serveApp(fetch: (request: Request) => Response | Promise<Response>): Promise<string> {
  const handler = toNodeHandler({ fetch: async (request) => fetch(request) })
  server = createServer((req, res) => {
    res.once('close', () => closedResponses++)
    void handler(req, res)
  })
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)
    }),
  )
}

const big = 'x'.repeat(4 * 1024 * 1024)
const cookies = () => {
  const headers = new Headers({ 'content-type': 'text/plain' })
  headers.append('set-cookie', 'a=1')
  headers.append('set-cookie', 'b=2')
  return headers
}

it.each([
  {
    name: 'a fast string response',
    make: () => new FastResponse('Hi', { headers: { 'content-type': 'text/plain' } }),
    body: 'Hi',
    type: 'text/plain',
  },
  {
    name: 'fast bytes',
    make: () => new FastResponse(new TextEncoder().encode('bytes'), { status: 201 }),
    body: 'bytes',
    status: 201,
  },
  { name: 'a fast empty response', make: () => new FastResponse(null, { status: 204 }), body: '' },
  {
    name: 'a 4 MiB fast string',
    make: () => new FastResponse(big),
    body: big,
  },
  {
    name: 'fast headers changed through the Headers API',
    make: () => {
      const res = new FastResponse('x', { headers: { 'content-type': 'text/plain' } })
      res.headers.append('vary', 'accept')
      res.headers.delete('content-type')
      return res
    },
    body: 'x',
    vary: 'accept',
  },
  {
    name: 'a global Response with two cookies',
    make: () => new Response('c', { headers: cookies() }),
    body: 'c',
    cookies: ['a=1', 'b=2'],
  },
  {
    name: 'a fast Response over a Headers instance',
    make: () => new FastResponse('h', { headers: cookies() }),
    body: 'h',
    cookies: ['a=1', 'b=2'],
  },
  {
    name: 'a stream, chunk by chunk',
    make: () =>
      new FastResponse(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('one '))
            controller.enqueue(new TextEncoder().encode('two'))
            controller.close()
          },
        }),
      ),
    body: 'one two',
  },
])('writes $name', async ({ make, body, status, type, vary, cookies }) => {
  const origin = await serveApp(make)
  const response = await fetch(origin)
  expect(response.status).toBe(status ?? (body === '' ? 204 : 200))
  expect(await response.text()).toBe(body)
  if (type) expect(response.headers.get('content-type')).toBe(type)
  if (vary) {
    expect(response.headers.get('vary')).toBe(vary)
    expect(response.headers.has('content-type')).toBe(false)
  }
  if (cookies) expect(response.headers.getSetCookie()).toEqual(cookies)
})

it('sends the headers of a fast response to HEAD without its body', async () => {
  const origin = await serveApp(() => new FastResponse('Hi there'))
  const response = await fetch(origin, { method: 'HEAD' })
  expect(response.headers.get('content-length')).toBe('8')
  expect(await response.text()).toBe('')
})

const failingStream = () =>
  new ReadableStream({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode('start'))
      controller.error(new Error('disk gone'))
    },
  })

it.each([
  { name: 'a fast Response', make: () => new FastResponse(failingStream()) },
  // A global Response's stream took another path: its failure also rejected a cancel nobody
  // caught, an unhandled rejection that ends the process (vitest reports it as an error).
  { name: 'a global Response', make: () => new Response(failingStream()) },
])('cuts the connection when the stream of $name fails half-way', async ({ make }) => {
  const origin = await serveApp((request) =>
    request.url.endsWith('/ok') ? new FastResponse('ok') : make(),
  )
  // Cut before or after the head went out: either way the client gets no complete answer.
  await expect(fetch(origin).then((response) => response.text())).rejects.toThrow()
  // The server is still up.
  expect(await (await fetch(`${origin}/ok`)).text()).toBe('ok')
})

it('cuts the connection when an upstream answer passed on with fetch() breaks off', async () => {
  const upstream = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.write('the first half, ')
    setImmediate(() => res.destroy())
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  const { port } = upstream.address() as AddressInfo
  try {
    const origin = await serveApp(() => fetch(`http://127.0.0.1:${port}/`))
    await expect(fetch(origin).then((response) => response.text())).rejects.toThrow()
  } finally {
    upstream.close()
  }
})

it('leaves request.signal alone after a complete answer, aborted when read after the client left', async () => {
  let done: AbortSignal | undefined
  let arrived = false
  let release: () => void = () => {}
  let late: AbortSignal | undefined
  const origin = await serveApp(async (request) => {
    if (request.url.endsWith('/late')) {
      arrived = true
      await new Promise<void>((resolve) => (release = resolve))
      late = request.signal
      return new FastResponse('late')
    }
    setTimeout(() => (done = request.signal))
    return new FastResponse('ok')
  })
  expect(await (await fetch(origin)).text()).toBe('ok')
  await expect.poll(() => done).toBeDefined()
  expect(done!.aborted).toBe(false)
  const req = httpRequest(`${origin}/late`)
  req.on('error', () => {})
  req.end()
  await expect.poll(() => arrived).toBe(true)
  const before = closedResponses
  req.destroy()
  // Read the signal only once the server has seen the response close.
  await expect.poll(() => closedResponses).toBe(before + 1)
  release()
  await expect.poll(() => late).toBeDefined()
  expect(late!.aborted).toBe(true)
})

it.each([
  { name: 'a fast Response', R: FastResponse as typeof Response },
  { name: 'a global Response', R: Response },
])('cancels the endless stream of $name when the client leaves mid-download', async ({ R }) => {
  let cancelled = false
  const origin = await serveApp(
    () =>
      new R(
        new ReadableStream({
          // A producer that waits for its next event, as a server-sent event source does.
          async pull(controller) {
            await new Promise((resolve) => setImmediate(resolve))
            controller.enqueue(new TextEncoder().encode('tick\n'))
          },
          cancel() {
            cancelled = true
          },
        }),
      ),
  )
  const req = httpRequest(origin)
  req.on('error', () => {})
  req.on('response', (res) => res.once('data', () => req.destroy()))
  req.end()
  // The producer is told to stop: a stream left running would leak per disconnected client.
  await expect.poll(() => cancelled).toBe(true)
})

it.each([
  {
    name: 'a web stream',
    body: (state: { stopped: boolean }) =>
      new ReadableStream({
        start: (c) => c.enqueue(new TextEncoder().encode('first\n')),
        cancel() {
          state.stopped = true
        },
      }),
  },
  {
    name: 'a Node stream',
    body: (state: { stopped: boolean }) => {
      let sent = false
      return new Readable({
        read() {
          if (!sent) this.push('first\n')
          sent = true
        },
        destroy(error, callback) {
          state.stopped = true
          callback(error)
        },
      })
    },
  },
])(
  'stops the quiet stream of a fast Response ($name) when the client leaves, with no chunk pending',
  async ({ body }) => {
    // One event, then silence: the producer must hear of the client leaving without a next chunk.
    const state = { stopped: false }
    const origin = await serveApp(() => new FastResponse(body(state) as ReadableStream))
    const req = httpRequest(origin)
    req.on('error', () => {})
    req.on('response', (res) => res.once('data', () => req.destroy()))
    req.end()
    await expect.poll(() => state.stopped).toBe(true)
  },
)

/** An endless stream, as a server-sent event source is, that records its cancel in `state`. */
function endless(state: { cancelled: boolean }) {
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode('data: tick\n\n'))
    },
    cancel() {
      state.cancelled = true
    },
  })
}

it.each([
  {
    name: 'HEAD to a fast Response',
    method: 'HEAD',
    status: 200,
    R: FastResponse as typeof Response,
  },
  { name: 'HEAD to a global Response', method: 'HEAD', status: 200, R: Response },
  { name: 'a fast 204', method: 'GET', status: 204, R: FastResponse as typeof Response },
  { name: 'a fast 304', method: 'GET', status: 304, R: FastResponse as typeof Response },
])(
  'sends the head of $name with an endless stream and cancels the stream',
  async ({ method, status, R }) => {
    const state = { cancelled: false }
    const origin = await serveApp((request) =>
      request.url.endsWith('/ok')
        ? new FastResponse('ok')
        : new R(endless(state), { status, headers: { 'x-kind': 'events' } }),
    )
    // Node ignores body writes here, so a pump never waited: the event loop spun forever.
    const response = await fetch(origin, { method })
    expect(response.status).toBe(status)
    expect(response.headers.get('x-kind')).toBe('events')
    expect(await response.text()).toBe('')
    await expect.poll(() => state.cancelled).toBe(true)
    expect(await (await fetch(`${origin}/ok`)).text()).toBe('ok')
  },
)

it.each([
  {
    name: 'a line break in a plain header',
    make: () => new FastResponse('x', { headers: { 'x-bad': 'a\nb' } }),
  },
  {
    name: 'a character above U+00FF',
    make: () => new FastResponse('x', { headers: { 'x-price': '5 €' } }),
  },
  {
    name: 'a header set after construction',
    make: () => {
      const res = new FastResponse('x')
      res.headers.set('x-bad', 'a\rb')
      return res
    },
  },
  {
    name: 'a bad header on a stream',
    make: () =>
      new FastResponse(new ReadableStream({ start: (c) => c.close() }), {
        headers: { 'x-bad': 'a\0b' },
      }),
  },
])('answers 500 to $name, which Node refuses to send', async ({ make }) => {
  const origin = await serveApp((request) =>
    request.url.endsWith('/ok') ? new FastResponse('ok') : make(),
  )
  // Bun, Deno and the global Response refuse such a value when the Response is built: the app
  // answers 500 there too. Node refused it only at writeHead, and the connection was cut.
  const response = await fetch(origin)
  expect(response.status).toBe(500)
  expect(await response.text()).toBe('')
  expect(await (await fetch(`${origin}/ok`)).text()).toBe('ok')
})

it.each([
  { name: 'a fast 204 given a body', make: () => new FastResponse('gone', { status: 204 }) },
  {
    name: 'a fast 204 with framing headers',
    make: () =>
      new FastResponse(null, {
        status: 204,
        headers: { 'Content-Length': '0', 'transfer-encoding': 'chunked', 'x-kept': '1' },
      }),
  },
  {
    name: 'a global 204 with a Content-Length',
    make: () => new Response(null, { status: 204, headers: { 'content-length': '5' } }),
  },
])('sends $name without Content-Length or Transfer-Encoding (RFC 9110 §8.6)', async ({ make }) => {
  const origin = await serveApp((request) =>
    request.url.endsWith('/ok') ? new FastResponse('ok') : make(),
  )
  const out = await rawExchange(
    origin,
    'DELETE /x HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
  )
  const [first, second] = out.split(/(?=HTTP\/1\.1 )/)
  expect(first).toMatch(/^HTTP\/1\.1 204 /)
  expect(first).not.toMatch(/content-length|transfer-encoding/i)
  expect(first!.endsWith('\r\n\r\n')).toBe(true)
  // The next answer on the connection starts right after the head: no body bytes in between.
  expect(second).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/)
})

it.each([
  { length: 'longer', declared: '2', R: Response },
  { length: 'shorter', declared: '10', R: Response },
  // The fast class's stream is a Node stream, which went out through pipe(): no length check.
  { length: 'longer', declared: '2', R: FastResponse as typeof Response },
  { length: 'shorter', declared: '10', R: FastResponse as typeof Response },
])(
  'never lets a stream $length than its Content-Length run into the next answer ($R.name)',
  async ({ declared, R }) => {
    // What passing on an upstream fetch() answer does when undici has decompressed its body.
    const origin = await serveApp((request) =>
      request.url.endsWith('/ok')
        ? new FastResponse('ok')
        : new R(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('hello'))
                controller.close()
              },
            }),
            { headers: { 'content-length': declared } },
          ),
    )
    const out = await rawExchange(
      origin,
      'GET /x HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    )
    // Node wrote all five bytes and kept the connection: the client read the next answer from the
    // wrong offset (desynchronised, as a proxy pooling connections would be for its next user).
    const body = out.slice(out.indexOf('\r\n\r\n') + 4)
    expect(body.length).toBeLessThanOrEqual(Number(declared))
    expect(body).not.toContain('HTTP/1.1')
  },
)

it.each([
  {
    name: 'a fast redirect',
    make: () => new FastResponse(null, { status: 308, headers: { location: '/y' } }),
  },
  { name: 'a fast empty 200', make: () => new FastResponse(null) },
  { name: 'a global 201', make: () => new Response(null, { status: 201 }) },
  {
    name: 'a length that promised bytes',
    make: () => new FastResponse(null, { status: 202, headers: { 'Content-Length': '5' } }),
  },
])('frames $name without a body by Content-Length: 0, as Bun and Deno do', async ({ make }) => {
  const origin = await serveApp(make)
  const out = await rawExchange(origin, 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')
  const head = out.slice(0, out.indexOf('\r\n\r\n')).toLowerCase()
  // Node framed the empty body as a chunked one: `writeHead` came before it knew there was none.
  expect(head).toContain('\r\ncontent-length: 0')
  expect(head).not.toContain('transfer-encoding')
  expect(out.endsWith('\r\n\r\n')).toBe(true)
  // A HEAD answer may stand for a GET's body: it gets no length of its own.
  const headOut = await rawExchange(
    origin,
    'HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
  )
  expect(headOut.toLowerCase()).not.toContain('content-length: 0')
})

it.each([
  { name: 'a text', make: () => new Response('nope', { status: 404 }), line: '404 Not Found' },
  { name: 'an empty', make: () => new Response(null, { status: 201 }), line: '201 Created' },
  { name: 'a HEAD', make: () => new Response('x'), line: '200 OK', method: 'HEAD' },
  {
    name: 'a reason-given',
    make: () => new Response('x', { status: 200, statusText: 'Fine' }),
    line: '200 Fine',
  },
])(
  'sends $name global Response with its reason phrase, as Bun and Deno do',
  async ({ make, line, method }) => {
    const origin = await serveApp(make)
    // The global Response's statusText is '' unless given: Node wrote `HTTP/1.1 404 ` from it.
    const out = await rawExchange(
      origin,
      `${method ?? 'GET'} / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`,
    )
    expect(out.slice(0, out.indexOf('\r\n'))).toBe(`HTTP/1.1 ${line}`)
  },
)

const shared = { 'content-type': 'text/plain' }

it.each([
  {
    name: 'a Content-Length longer than the body',
    make: () => new FastResponse('hello', { headers: { 'content-length': '10' } }),
    body: 'hello',
  },
  {
    name: 'a Content-Length shorter than the body, in any case',
    make: () => new FastResponse('hello', { headers: { 'Content-Length': '2' } }),
    body: 'hello',
  },
  {
    name: 'bytes with a wrong Content-Length',
    make: () =>
      new FastResponse(new TextEncoder().encode('bytes'), { headers: { 'content-length': '1' } }),
    body: 'bytes',
  },
  {
    name: 'a Headers instance with a wrong Content-Length',
    make: () => new FastResponse('hello', { headers: new Headers({ 'content-length': '10' }) }),
    body: 'hello',
  },
  {
    // @whatwg-node's class writes the first body's length into a plain init it is handed: the
    // same object used again announced 5 bytes for a longer body.
    name: 'a shared init used for a second, longer body',
    make: () => {
      new FastResponse('first', { headers: shared })
      return new FastResponse('the second body', { headers: shared })
    },
    body: 'the second body',
  },
])('frames $name by its real length, so the next answer stays in step', async ({ make, body }) => {
  const origin = await serveApp((request) =>
    request.url.endsWith('/ok') ? new FastResponse('ok') : make(),
  )
  const out = await rawExchange(
    origin,
    'GET /x HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
  )
  const [first, second] = out.split(/(?=HTTP\/1\.1 )/)
  expect(first).toMatch(new RegExp(`\\r\\ncontent-length: ${body.length}\\r\\n`, 'i'))
  expect(first!.endsWith(`\r\n\r\n${body}`)).toBe(true)
  expect(second).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/)
})

it.each([
  {
    name: 'a plain init',
    make: () => new FastResponse('x', { headers: { 'x-latin': 'caf\u00e9' } }),
  },
  {
    name: 'a header set after construction',
    make: () => {
      const res = new FastResponse('x')
      res.headers.set('x-latin', 'caf\u00e9')
      return res
    },
  },
])(
  'sends a header code unit of $name as one byte (latin1), beside a string body',
  async ({ make }) => {
    const origin = await serveApp(make)
    const out = await rawExchange(origin, 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')
    // The Fetch standard, Bun and Deno send é as E9; Node sent C3 A9 when the body was a string.
    expect(out).toContain('\r\nx-latin: caf\xe9\r\n')
    expect(out.endsWith('\r\n\r\nx')).toBe(true)
  },
)

const oneChunk = () =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('abc'))
      controller.close()
    },
  })

it.each([
  {
    name: 'two Content-Lengths in a plain init, in two cases',
    make: () =>
      new FastResponse('hello', { headers: { 'Content-Length': '5', 'content-length': '999' } }),
    framing: 'content-length: 5',
    body: 'hello',
  },
  {
    name: 'a Transfer-Encoding: chunked beside a string body',
    make: () => new FastResponse('hello', { headers: { 'transfer-encoding': 'chunked' } }),
    framing: 'content-length: 5',
    body: 'hello',
  },
  {
    // A coding that does not end in chunked makes the body run to the close (RFC 9112 §6.3):
    // the next answer on the connection was read as part of this one.
    name: 'a Transfer-Encoding: gzip beside a string body',
    make: () => new FastResponse('hello', { headers: { 'Transfer-Encoding': 'gzip' } }),
    framing: 'content-length: 5',
    body: 'hello',
  },
  {
    name: 'a Transfer-Encoding in a Headers instance beside bytes',
    make: () =>
      new FastResponse(new TextEncoder().encode('bytes'), {
        headers: new Headers({ 'transfer-encoding': 'gzip' }),
      }),
    framing: 'content-length: 5',
    body: 'bytes',
  },
  {
    name: 'a Transfer-Encoding on an empty answer',
    make: () => new FastResponse(null, { status: 201, headers: { 'transfer-encoding': 'gzip' } }),
    framing: 'content-length: 0',
    body: '',
  },
  {
    name: 'a Content-Length and a Transfer-Encoding beside a stream',
    make: () =>
      new Response(oneChunk(), {
        headers: { 'content-length': '3', 'transfer-encoding': 'chunked' },
      }),
    framing: 'content-length: 3',
    body: 'abc',
  },
  {
    name: 'a Transfer-Encoding: gzip beside a stream',
    make: () => new Response(oneChunk(), { headers: { 'transfer-encoding': 'gzip' } }),
    framing: 'Transfer-Encoding: chunked',
    body: '3\r\nabc\r\n0\r\n\r\n',
  },
])(
  'frames $name with one framing field of its own (RFC 9112 §6.2, §6.3)',
  async ({ make, framing, body }) => {
    const origin = await serveApp((request) =>
      request.url.endsWith('/ok') ? new FastResponse('ok') : make(),
    )
    const out = await rawExchange(
      origin,
      'GET /x HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    )
    const [first, second] = out.split(/(?=HTTP\/1\.1 )/)
    const framingLines = first!.match(/\r\n(content-length|transfer-encoding):[^\r]*/gi)
    expect(framingLines?.map((line) => line.toLowerCase())).toEqual([
      `\r\n${framing.toLowerCase()}`,
    ])
    expect(first!.endsWith(`\r\n\r\n${body}`)).toBe(true)
    expect(second).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/)
  },
)

it.each([100, 101, 103, 199])(
  'answers 500 for a status %i, which is no final answer (Fetch allows 200-599)',
  async (status) => {
    const origin = await serveApp((request) =>
      request.url.endsWith('/ok') ? new FastResponse('ok') : new FastResponse(null, { status }),
    )
    const out = await rawExchange(
      origin,
      'GET /x HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    )
    // A 1xx went out as an interim answer (101 as a protocol switch), and the client took the
    // next request's answer for this one's.
    const [first, second] = out.split(/(?=HTTP\/1\.1 )/)
    expect(first).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/)
    expect(second).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/)
  },
)
