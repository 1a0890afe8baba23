import { expect } from 'vitest'
import { ALLOWED_ORIGIN, BODY_LIMIT, LARGE_TEXT } from '../fixture/middleware-routes.js'
import { readProblem, type Target } from './target.js'

const SPOOFED = '203.0.113.9'
const spoofing = {
  'x-forwarded-for': SPOOFED,
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'evil.example',
}

/** @ferry/middleware layers on the runtimes (each on its own routes under `/mw`). */
export const middlewareCases = [
  {
    name: 'compresses a large text response with gzip when asked',
    async run(target: Target) {
      const response = await target.fetch('/mw/compress/text', {
        headers: { 'accept-encoding': 'gzip' },
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-encoding')).toBe('gzip')
      expect(tokens(response.headers.get('vary'))).toContain('accept-encoding')
      expect(await decodedText(target, response)).toBe(LARGE_TEXT)
    },
  },
  {
    name: 'gzips once with logger() wrapped around compress()',
    async run(target: Target) {
      // logger() re-wraps the body it counts; workerd once took the copy for an identity body and
      // gzipped it again, which a client decodes to gzip bytes instead of the text.
      const response = await target.fetch('/mw/logged/text', {
        headers: { 'accept-encoding': 'gzip' },
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-encoding')).toBe('gzip')
      expect(await decodedText(target, response)).toBe(LARGE_TEXT)
    },
  },
  {
    name: 'sends identity when gzip;q=0 refuses gzip',
    async run(target: Target) {
      const response = await target.fetch('/mw/compress/text', {
        headers: { 'accept-encoding': 'gzip;q=0' },
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-encoding')).toBeNull()
      expect(await response.text()).toBe(LARGE_TEXT)
    },
  },
  {
    name: 'answers an ETag sent back in If-None-Match with 304',
    async run(target: Target) {
      const first = await target.fetch('/mw/etag/doc')
      expect(first.status).toBe(200)
      const tag = first.headers.get('etag')
      expect(tag).toMatch(/^(W\/)?"/)
      await first.body?.cancel()
      const cached = await target.fetch('/mw/etag/doc', { headers: { 'if-none-match': tag! } })
      expect(cached.status).toBe(304)
      expect(await cached.text()).toBe('')
    },
  },
  {
    name: "answers a CORS preflight from an allowed origin with the path's real methods",
    async run(target: Target) {
      const plain = await target.fetch('/mw/cors/items', { method: 'OPTIONS' })
      const allow = tokens(plain.headers.get('allow'))
      expect(allow).toEqual(expect.arrayContaining(['get', 'put']))
      const preflight = await target.fetch('/mw/cors/items', {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED_ORIGIN,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN)
      expect(tokens(preflight.headers.get('access-control-allow-methods')).sort()).toEqual(
        allow.sort(),
      )
      expect(tokens(preflight.headers.get('vary'))).toContain('origin')
      const simple = await target.fetch('/mw/cors/items', { headers: { origin: ALLOWED_ORIGIN } })
      expect(simple.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN)
      await simple.body?.cancel()
    },
  },
  {
    name: 'gives Origin: null no CORS headers',
    async run(target: Target) {
      const preflight = await target.fetch('/mw/cors/items', {
        method: 'OPTIONS',
        headers: { origin: 'null', 'access-control-request-method': 'PUT' },
      })
      const simple = await target.fetch('/mw/cors/items', { headers: { origin: 'null' } })
      expect(simple.status).toBe(200)
      for (const response of [preflight, simple]) {
        expect(response.headers.get('access-control-allow-origin')).toBeNull()
        expect(response.headers.get('access-control-allow-methods')).toBeNull()
        await response.body?.cancel()
      }
    },
  },
  {
    name: 'verifies a signed cookie on the next request and reads a tampered one as missing',
    async run(target: Target) {
      const set = await target.fetch('/mw/cookies/set')
      expect(set.status).toBe(200)
      await set.body?.cancel()
      const header = set.headers.getSetCookie().find((line) => line.startsWith('session='))
      expect(header).toMatch(/; HttpOnly/i)
      const value = header!.slice('session='.length).split(';')[0]!
      expect(value).not.toBe('alice')
      expect(await sessionWith(target, value)).toBe('alice')
      // Another value under the same signature: `base64url(value).expiry.signature`.
      const forged = `${Buffer.from('mallory').toString('base64url')}${value.slice(value.indexOf('.'))}`
      expect(await sessionWith(target, forged)).toBeNull()
    },
  },
  {
    name: 'refuses a chunked upload over bodyLimit with a 413 problem',
    async run(target: Target) {
      const small = await target.fetch('/mw/limited/upload', chunked(BODY_LIMIT / 2))
      expect(await small.json()).toEqual({ received: BODY_LIMIT / 2 })
      const large = await target.fetch('/mw/limited/upload', chunked(BODY_LIMIT * 4))
      expect(large.status).toBe(413)
      const problem = await readProblem(large)
      expect(problem.type).toMatch(/^application\/problem\+json/)
      expect(problem.body).toMatchObject({ status: 413, limit: 'bodySize', max: BODY_LIMIT })
    },
  },
  {
    name: 'ignores spoofed X-Forwarded-* headers from an untrusted peer',
    async run(target: Target) {
      const { client, remoteAddress, host } = await whoAmI(target)
      expect(client.address ?? null).toBe(remoteAddress)
      expect(client.protocol).toBe('http')
      expect(client.host).toBe(host)
    },
  },
  {
    name: 'keeps the socket address under a spoofed X-Forwarded-For',
    async run(target: Target) {
      const { client } = await whoAmI(target)
      expect(['127.0.0.1', '::ffff:127.0.0.1', '::1']).toContain(client.address)
    },
  },
] as const

/** The lower-cased members of a comma-separated header (`Vary`, `Allow`, ...). */
function tokens(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '')
}

/** The text of a gzip-encoded `response`, decoded here unless the client already did. */
async function decodedText(target: Target, response: Response): Promise<string> {
  if (target.decodesContent) return response.text()
  const stream = response.body!.pipeThrough(new DecompressionStream('gzip'))
  return new Response(stream).text()
}

/** What `/mw/cookies/read` makes of the cookie `session=value`. */
async function sessionWith(target: Target, value: string): Promise<string | null> {
  const response = await target.fetch('/mw/cookies/read', {
    headers: { cookie: `session=${value}` },
  })
  return ((await response.json()) as { session: string | null }).session
}

/**
 * A POST of `size` bytes as a stream, so with no Content-Length (chunked over HTTP/1.1) and only
 * the count can catch it. One chunk, queued up front: the client has written the whole body before
 * the server answers 413. A server may close a connection whose body it did not read (workerd
 * does), and a client still writing further chunks then fails with EPIPE instead of reading the
 * answer.
 */
function chunked(size: number): RequestInit {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(size).fill(0x61))
      controller.close()
    },
  })
  return {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body,
    duplex: 'half',
  } as RequestInit
}

interface WhoAmI {
  client: { address?: string; protocol: string; host: string }
  remoteAddress: string | null
  host: string
}

async function whoAmI(target: Target): Promise<WhoAmI> {
  const response = await target.fetch('/mw/forwarded/whoami', { headers: spoofing })
  expect(response.status).toBe(200)
  const answer = (await response.json()) as WhoAmI
  expect(answer.client.address).not.toBe(SPOOFED)
  expect(answer.client.host).not.toBe('evil.example')
  return answer
}
