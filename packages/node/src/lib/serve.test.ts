import { request as httpRequest } from 'node:http'
import type { ExecutionContext } from '@ferry/router'
import { Response as FastResponse } from '@whatwg-node/server'
import { afterEach, describe, expect, it } from 'vitest'
import { rawExchange } from '../../../../test-support/raw-exchange.js'
import { trickle } from '../../../../test-support/trickle.js'
import { type Server, serve } from './serve.js'

// A throwaway fetch app: the adapter depends only on this structural shape.
function probeApp(overrides: Partial<{ closed: () => void }> = {}) {
  const seen: { ctx?: ExecutionContext; env?: unknown; aborted?: boolean; background?: string } = {}
  let release: () => void = () => {}
  const app = {
    async fetch(request: Request, env?: unknown, ctx?: ExecutionContext) {
      seen.ctx = ctx
      seen.env = env
      const path = new URL(request.url).pathname
      if (path === '/slow') {
        await new Promise<void>((resolve) => {
          release = resolve
        })
        return new Response('finished')
      }
      if (path === '/hang') {
        await new Promise<void>((resolve) =>
          request.signal.addEventListener('abort', () => resolve()),
        )
        seen.aborted = true
        return new Response('gone')
      }
      if (path === '/early') {
        // Refuse the body unread, as a body limit does on a too large Content-Length.
        await request.body!.cancel()
        return new Response('too large', { status: 413 })
      }
      if (path === '/forever') {
        ctx?.waitUntil?.(new Promise<void>(() => {}))
        return new Response('queued forever')
      }
      if (path === '/later') {
        ctx?.waitUntil?.(
          new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => {
            seen.background = 'done'
          }),
        )
        return new (ctx?.Response ?? Response)('queued')
      }
      return Response.json({ method: request.method, body: await request.text() })
    },
    async close() {
      overrides.closed?.()
    },
  }
  return { app, seen, release: () => release() }
}

/** A body that sends a chunk every 20 ms and never ends; `cancelled` runs when it is cancelled. */
function endlessStream(cancelled: () => void): ReadableStream<Uint8Array> {
  const tick = new TextEncoder().encode('tick\n')
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      controller.enqueue(tick)
    },
    cancel: cancelled,
  })
}

/** Reads `reader` to its end; rejects when the connection is cut first. */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  while (!(await reader.read()).done) {}
}

/** What `run` warns of with console.warn, one string per call, once it has settled. */
async function warned(run: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = []
  const warn = console.warn
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '))
  try {
    await run()
  } finally {
    console.warn = warn
  }
  return warnings
}

let server: Server | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('serve', () => {
  it('answers over a socket with the client address and env in the context', async () => {
    const { app, seen } = probeApp()
    server = await serve(app, { port: 0, hostname: '127.0.0.1', env: { name: 'test' } })
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const response = await fetch(new URL('/echo', server.url), { method: 'POST', body: 'hi' })
    expect(await response.json()).toEqual({ method: 'POST', body: 'hi' })
    expect(seen.ctx?.remoteAddress).toBe('127.0.0.1')
    expect(seen.ctx?.Response).toBeTypeOf('function')
    expect(seen.env).toEqual({ name: 'test' })
  })

  it('hands the app every header field of a head within maxHeaderSize, past Node’s 1,000', async () => {
    server = await serve(
      { fetch: async (request: Request) => new Response(String([...request.headers].length)) },
      { port: 0, hostname: '127.0.0.1', handleSignals: false },
    )
    let head = 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n'
    for (let i = 0; i < 1200; i++) head += `x-${i}: v\r\n`
    const out = await rawExchange(server.url, `${head}\r\n`)
    expect(out).toMatch(/^HTTP\/1\.1 200 /)
    // The body, chunked: one chunk with the count.
    expect(out.split('\r\n\r\n')[1]).toBe('4\r\n1202\r\n0')
  })

  it('delivers an answer sent before the request body was read to the end', async () => {
    server = await serve(probeApp().app, { port: 0, hostname: '127.0.0.1' })
    const body = new Uint8Array(1024 * 1024)
    const response = await fetch(new URL('/early', server.url), { method: 'POST', body })
    expect(response.status).toBe(413)
    expect(await response.text()).toBe('too large')
  })

  it('closes a connection whose body trickles past requestTimeout', async () => {
    const { app } = probeApp()
    server = await serve(app, { port: 0, hostname: '127.0.0.1', requestTimeout: 1000 })
    const head = 'POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n'
    const { closedBy } = await trickle(server.url, head, 15_000)
    expect(closedBy).toBe('server')
  })

  it('answers 408 to a head that trickles past requestTimeout, and closes', async () => {
    server = await serve(probeApp().app, { port: 0, hostname: '127.0.0.1', requestTimeout: 1000 })
    const { out, closedBy } = await trickle(server.url, 'GET / HTTP/1.1\r\nX-Slow: ', 15_000)
    expect(closedBy).toBe('server')
    expect(out).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(out).toContain('"detail":"the request did not arrive in time"')
  })

  it('refuses a negative requestTimeout with a RangeError', async () => {
    await expect(serve(probeApp().app, { port: 0, requestTimeout: -1 })).rejects.toThrow(
      'requestTimeout must be a number of milliseconds, 0 or more; got -1',
    )
  })

  it('says localhost in the url when bound to every interface', async () => {
    server = await serve(probeApp().app, { port: 0 })
    expect(server.url).toMatch(/^http:\/\/localhost:\d+\/$/)
  })

  it('aborts request.signal when the client goes away', async () => {
    const { app, seen } = probeApp()
    server = await serve(app, { port: 0, hostname: '127.0.0.1' })
    const req = httpRequest(new URL('/hang', server.url))
    req.on('error', () => {})
    req.end()
    await expect.poll(() => seen.ctx !== undefined).toBe(true)
    req.destroy()
    await expect.poll(() => seen.aborted).toBe(true)
  })

  it('close() waits for waitUntil work, then closes the app', async () => {
    const order: string[] = []
    const { app, seen } = probeApp({ closed: () => order.push(`closed after ${seen.background}`) })
    server = await serve(app, { port: 0, hostname: '127.0.0.1' })
    expect(await (await fetch(new URL('/later', server.url))).text()).toBe('queued')
    await server.close()
    expect(order).toEqual(['closed after done'])
  })

  it('close() abandons waitUntil work at shutdownTimeout with a warning and still closes the app', async () => {
    let closed = false
    const { app } = probeApp({ closed: () => (closed = true) })
    server = await serve(app, { port: 0, hostname: '127.0.0.1', shutdownTimeout: 50 })
    expect(await (await fetch(new URL('/forever', server.url))).text()).toBe('queued forever')
    const warnings = await warned(() => server!.close())
    expect(closed).toBe(true)
    expect(warnings).toEqual([
      '[ferry] shutdownTimeout (50 ms) passed with waitUntil work unsettled: closing the app without it',
    ])
  })

  // What an event stream (SSE) does: it never ends on its own.
  it.each([
    ['the global Response', Response],
    ['ctx.Response', FastResponse as unknown as typeof Response],
  ])(
    'close() cuts a response of %s still streaming at shutdownTimeout, its stream cancelled before the app closes',
    async (_name, R) => {
      const order: string[] = []
      server = await serve(
        {
          async fetch() {
            return new R(endlessStream(() => order.push('stream cancelled')))
          },
          async close() {
            order.push('app closed')
          },
        },
        { port: 0, hostname: '127.0.0.1', shutdownTimeout: 100, handleSignals: false },
      )
      const reader = (await fetch(server.url)).body!.getReader()
      await reader.read()
      const warnings = await warned(() => server!.close())
      order.push('close resolved')
      await expect(readToEnd(reader)).rejects.toThrow()
      expect(order).toEqual(['stream cancelled', 'app closed', 'close resolved'])
      expect(warnings).toEqual([
        '[ferry] shutdownTimeout (100 ms) passed with requests in flight: cutting them',
      ])
    },
  )

  it('close() cuts a request still unanswered at shutdownTimeout, aborting its signal', async () => {
    const { app, seen } = probeApp()
    server = await serve(app, { port: 0, hostname: '127.0.0.1', shutdownTimeout: 50 })
    // Settled at once: the cut rejects it while close() is still awaited, before any later
    // `expect` could attach a handler (an unhandled rejection otherwise).
    const unanswered = fetch(new URL('/hang', server.url)).then(
      () => 'answered',
      () => 'cut',
    )
    await expect.poll(() => seen.ctx !== undefined).toBe(true)
    const warnings = await warned(() => server!.close())
    expect(await unanswered).toBe('cut')
    await expect.poll(() => seen.aborted).toBe(true)
    expect(warnings).toEqual([
      '[ferry] shutdownTimeout (50 ms) passed with requests in flight: cutting them',
    ])
  })

  it('close() lets an in-flight request finish and refuses new connections', async () => {
    const { app, seen, release } = probeApp()
    server = await serve(app, { port: 0, hostname: '127.0.0.1' })
    const url = server.url
    const inflight = fetch(new URL('/slow', url))
    await expect.poll(() => seen.ctx !== undefined).toBe(true)
    const closed = server.close()
    await expect(fetch(url)).rejects.toThrow()
    release()
    expect(await (await inflight).text()).toBe('finished')
    await closed
  })

  it('rejects when the port is taken', async () => {
    server = await serve(probeApp().app, { port: 0, hostname: '127.0.0.1' })
    const port = Number(new URL(server.url).port)
    await expect(serve(probeApp().app, { port, hostname: '127.0.0.1' })).rejects.toThrow(
      /EADDRINUSE/,
    )
  })

  it('shuts down when its signal aborts', async () => {
    let closed = false
    const controller = new AbortController()
    server = await serve(probeApp({ closed: () => (closed = true) }).app, {
      port: 0,
      signal: controller.signal,
    })
    controller.abort()
    await expect.poll(() => closed).toBe(true)
  })
})

// What Node's parser refuses never reaches the app; Node alone would answer with a bare status
// line and no body. Each answer is the whole of what the server sent before closing.
describe('serve answers a request Node cannot parse with a problem', () => {
  async function exchange(head: string) {
    let called = false
    server = await serve(
      {
        fetch: async () => {
          called = true
          return new Response('app')
        },
      },
      { port: 0, hostname: '127.0.0.1', handleSignals: false },
    )
    // The client keeps its side open: the server ends the exchange.
    const out = await rawExchange(server.url, head, true)
    const [top = '', body = ''] = out.split('\r\n\r\n')
    const [statusLine, ...fields] = top.split('\r\n')
    return { called, statusLine, fields: fields.map((f) => f.toLowerCase()), body, raw: out }
  }

  it.each([
    ['raw UTF-8 bytes in the target', 'GET /café HTTP/1.1\r\nHost: a\r\n\r\n', 400, /url/i],
    [
      'a space in a header name',
      'GET / HTTP/1.1\r\nBad Name: x\r\nHost: a\r\n\r\n',
      400,
      /header/i,
    ],
    ['an unknown HTTP version', 'GET / HTTP/9.1\r\nHost: a\r\n\r\n', 400, /version/i],
    [
      'two Content-Length fields',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
      400,
      /content-length/i,
    ],
    ['a method that is no token', 'G(T / HTTP/1.1\r\nHost: a\r\n\r\n', 400, /method/i],
    // llhttp stops at the space of a prefix of a method it knows: still a well-formed method.
    ['a prefix of a known method', 'GE / HTTP/1.1\r\nHost: a\r\n\r\n', 501, /method/i],
    // RFC 9110 §15.6.6; Node's parser read these as HTTP/1 and the app answered 200.
    ['an HTTP/2.0 request line', 'GET / HTTP/2.0\r\nHost: a\r\n\r\n', 505, /HTTP\/2\.0/],
    ['an HTTP/0.9 request line', 'GET / HTTP/0.9\r\nHost: a\r\n\r\n', 505, /HTTP\/0\.9/],
    // RFC 9110 §15.6.2: a well-formed method the server does not know is 501, not malformed.
    ['a method Node does not know', 'FROB / HTTP/1.1\r\nHost: a\r\n\r\n', 501, /method/i],
    // RFC 9112 §3.2; Node kept the first and the app served host a.
    ['two Host field lines', 'GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n', 400, /one Host/],
    // RFC 9112 §6.3: no chunked last, no way to know the body's length. Node handed these to the
    // app, then its parser failed on the body and the connection was cut with no answer.
    [
      'a Transfer-Encoding that is not chunked',
      'GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n',
      400,
      /transfer-encoding/i,
    ],
    [
      'a body framed by gzip alone',
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nabc',
      400,
      /transfer-encoding/i,
    ],
    [
      'chunked applied twice',
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n',
      400,
      /transfer-encoding/i,
    ],
    // RFC 9112 §6.1: a coding the server cannot decode; the app would have read gzip as content.
    [
      'a transfer coding the server does not decode',
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
      501,
      /does not decode/,
    ],
    // RFC 9112 §3.2; Node answered a bare 400 with an empty chunked body.
    ['an HTTP/1.1 request without Host', 'GET / HTTP/1.1\r\n\r\n', 400, /Host/],
    [
      'an absolute-form HTTP/1.1 request without Host',
      'GET http://a/ HTTP/1.1\r\n\r\n',
      400,
      /Host/,
    ],
    // RFC 9110 §10.1.1; Node answered a bare 417 with an empty chunked body.
    [
      'an expectation other than 100-continue',
      'POST / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\nContent-Length: 3\r\n\r\n',
      417,
      /teapot/,
    ],
    [
      'a head over maxHeaderSize (16 KiB)',
      `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
      431,
      /overflow/i,
    ],
  ])('%s', async (_name, head, status, detail) => {
    const answer = await exchange(head)
    expect(answer.statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} \\S`))
    expect(answer.fields).toContain('content-type: application/problem+json')
    expect(answer.fields).toContain('connection: close')
    expect(answer.fields).toContain(`content-length: ${Buffer.byteLength(answer.body)}`)
    const problem = JSON.parse(answer.body)
    expect(problem).toMatchObject({ type: 'about:blank', status })
    expect(problem.detail).toMatch(detail)
    expect(answer.called).toBe(false)
  })

  it('cuts the connection when the defect is in the body being read, failing the read', async () => {
    let read = 'reading'
    server = await serve(
      {
        fetch: async (request: Request) => {
          read = await request.text().then(
            () => 'complete',
            () => 'failed',
          )
          return new Response(read)
        },
      },
      { port: 0, hostname: '127.0.0.1', handleSignals: false },
    )
    // The client keeps its side open, so only the server can end the exchange.
    const out = await rawExchange(
      server.url,
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\nzz\r\n',
      true,
    )
    expect(out).toBe('')
    await expect.poll(() => read).toBe('failed')
  })

  it('answers the requests before it on the connection first, whole', async () => {
    const answer = await exchange(
      'GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nFROB / HTTP/1.1\r\n\r\n',
    )
    const answers = answer.raw.split(/(?=HTTP\/1\.1 )/)
    expect(answers.map((a) => a.slice(0, 12))).toEqual([
      'HTTP/1.1 200',
      'HTTP/1.1 200',
      'HTTP/1.1 501',
    ])
    // Whole: each 200 ends with its body and chunked framing's last chunk before the next begins.
    for (const a of answers.slice(0, 2)) expect(a).toMatch(/\r\n\r\n3\r\napp\r\n0\r\n\r\n$/)
    expect(answer.called).toBe(true)
  })
})
