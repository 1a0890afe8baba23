import { gunzipSync } from 'node:zlib'
import { expect } from 'vitest'
import { createCrc32 } from '../fixture/crc32.js'
import { GZIPPED_TEXT } from '../fixture/wire-routes.js'
import { field, fieldValues, type RawConnection, type RawResponse } from './raw-http.js'
import { expectState, type Target, uniqueId } from './target.js'

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/** `request(method, path, fields?)` is a request head; `fields` are extra CRLF-ended lines. */
export function request(method: string, path: string, fields = ''): string {
  return `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n${fields}\r\n`
}

/**
 * Requests over one connection while the server keeps it open, and over a new one after an
 * answer with `Connection: close` (which every server may send): a runtime that sent stray bytes
 * (a HEAD body, an unread request body parsed as a request) fails the next parse.
 */
class Session {
  #target: Target
  #connection: RawConnection | undefined
  /** How many connections the session opened. */
  opened = 0

  constructor(target: Target) {
    this.#target = target
  }

  async send(head: string, body?: string, options: { head?: boolean } = {}): Promise<RawResponse> {
    if (this.#connection === undefined) {
      this.#connection = await this.#target.connect!()
      this.opened += 1
    }
    const connection = this.#connection
    connection.write(head)
    if (body !== undefined) connection.write(body)
    const response = await connection.response(options)
    if (/close/i.test(field(response, 'connection') ?? '')) {
      // The server said it closes: it must, rather than leave the client waiting.
      await connection.closed
      this.#connection = undefined
    }
    return response
  }

  close(): void {
    this.#connection?.destroy()
  }
}

async function inSession(target: Target, run: (session: Session) => Promise<void>): Promise<void> {
  const session = new Session(target)
  try {
    await run(session)
  } finally {
    session.close()
  }
}

/** `expectPost(response, id)` asserts `response` is `/posts/:id`'s complete JSON answer. */
function expectPost(response: RawResponse, id: number): void {
  expect(response.status).toBe(200)
  expect(response.complete).toBe(true)
  expect(JSON.parse(text(response.body))).toEqual({ id, type: 'number' })
}

/**
 * HTTP/1.1 as each runtime's server speaks it around the app: framing, connections, bytes. Every
 * case needs `Target.connect`.
 */
export const wireCases = [
  {
    name: 'answers HEAD with no body bytes and the GET length or none',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const get = await session.send(request('GET', '/posts/1'))
        const head = await session.send(request('HEAD', '/posts/1'), undefined, { head: true })
        expect(head.status).toBe(200)
        // RFC 9110 §8.6: a HEAD's Content-Length, if any, is the length GET would send.
        expect(field(head, 'content-length')).toBe(field(get, 'content-length'))
        // A streamed GET has no length to announce (this one never ends): none, not 0.
        const path = `/ticks?id=${uniqueId()}`
        const streamed = await session.send(request('HEAD', path), undefined, { head: true })
        expect(streamed.status).toBe(200)
        expect(field(streamed, 'content-length')).toBeNull()
        // Body bytes after a HEAD answer would be read here as the next status line.
        expectPost(await session.send(request('GET', '/posts/2')), 2)
      })
    },
  },
  {
    name: 'answers 204 and 304 with no body and no framing headers',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const empty = await session.send(request('GET', '/wire/empty'))
        expect(empty.status).toBe(204)
        // RFC 9110 §8.6 and RFC 9112 §6.1: neither field in a 204.
        expect(field(empty, 'content-length')).toBeNull()
        expect(field(empty, 'transfer-encoding')).toBeNull()
        const fresh = await session.send(request('GET', '/mw/etag/doc'))
        const tag = field(fresh, 'etag')
        const cached = await session.send(
          request('GET', '/mw/etag/doc', `If-None-Match: ${tag}\r\n`),
        )
        expect(cached.status).toBe(304)
        expect(field(cached, 'transfer-encoding')).toBeNull()
        // A 304 may repeat the 200's Content-Length, never announce another (§8.6).
        expect([null, field(fresh, 'content-length')]).toContain(field(cached, 'content-length'))
        expectPost(await session.send(request('GET', '/posts/3')), 3)
      })
    },
  },
  {
    name: 'sends each Set-Cookie on its own header line',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const response = await session.send(request('GET', '/headers'))
        // RFC 6265 §3: Set-Cookie cannot be folded into one comma-separated line.
        expect(fieldValues(response, 'set-cookie')).toEqual(['a=1; Path=/', 'b=2; Path=/'])
      })
    },
  },
  {
    name: 'exposes the UTF-8 bytes of a request header one code unit per byte',
    async run(target: Target) {
      await inSession(target, async (session) => {
        // `café` as a client sends it in UTF-8; Fetch header values are bytes, and Headers.get
        // hands them over isomorphic-decoded (https://fetch.spec.whatwg.org/#concept-header-value).
        const response = await session.send(
          request('GET', '/wire/header-bytes', 'X-Text: caf\xc3\xa9 \xe2\x98\x83\r\n'),
        )
        expect(JSON.parse(text(response.body))).toEqual({
          codes: [99, 97, 102, 0xc3, 0xa9, 32, 0xe2, 0x98, 0x83],
        })
      })
    },
  },
  {
    name: 'exposes a latin1 (obs-text) request header byte as one code unit',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const response = await session.send(
          request('GET', '/wire/header-bytes', 'X-Text: caf\xe9\r\n'),
        )
        expect(JSON.parse(text(response.body))).toEqual({ codes: [99, 97, 102, 0xe9] })
      })
    },
  },
  {
    name: 'reads a chunked request body into json() and multipart',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const value = '{"text":"h\u00e9llo","list":[1,2,3]}'
        const bytes = Buffer.from(value, 'utf8').toString('latin1')
        const echoed = await session.send(
          request(
            'POST',
            '/echo',
            'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
          ),
          chunks([bytes.slice(0, 5), bytes.slice(5, 17), bytes.slice(17)]),
        )
        expect(echoed.status).toBe(200)
        expect(JSON.parse(text(echoed.body))).toEqual(JSON.parse(value))
        const boundary = 'ferry-chunked'
        const file = 'x'.repeat(3000)
        const form = [
          `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="x.txt"\r\n\r\n`,
          file,
          `\r\n--${boundary}--\r\n`,
        ].join('')
        const uploaded = await session.send(
          request(
            'POST',
            '/upload',
            `Content-Type: multipart/form-data; boundary=${boundary}\r\nTransfer-Encoding: chunked\r\n`,
          ),
          chunks([form.slice(0, 40), form.slice(40, 1000), form.slice(1000)]),
        )
        expect(uploaded.status).toBe(200)
        const crc = createCrc32()
        crc.update(new TextEncoder().encode(file))
        expect(JSON.parse(text(uploaded.body))).toEqual({
          parts: [{ name: 'file', filename: 'x.txt', size: file.length, crc32: crc.digest() }],
        })
      })
    },
  },
  {
    name: 'answers Expect: 100-continue with 100 before reading the body',
    async run(target: Target) {
      const connection = await target.connect!()
      try {
        const body = '{"continued":true}'
        connection.write(
          request(
            'POST',
            '/echo',
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n`,
          ),
        )
        // RFC 9110 §10.1.1: the client waits for the 100 (or a final answer) before sending.
        const interim = await connection.response()
        expect(interim.status).toBe(100)
        connection.write(body)
        const response = await connection.response()
        expect(response.status).toBe(200)
        expect(JSON.parse(text(response.body))).toEqual({ continued: true })
      } finally {
        connection.destroy()
      }
    },
  },
  {
    name: 'keeps a connection usable after a request body the app never read',
    async run(target: Target) {
      await inSession(target, async (session) => {
        // Either the server discards the unread body and reads the next request after it, or
        // it answers `Connection: close` and closes; never the body parsed as a request.
        const sized = await session.send(
          request('POST', '/wire/ignore', 'Content-Type: text/plain\r\nContent-Length: 100000\r\n'),
          'GET /posts/666 HTTP/1.1\r\n\r\n'.padEnd(100_000, 'z'),
        )
        expect(text(sized.body)).toBe('ignored')
        expectPost(await session.send(request('GET', '/posts/4')), 4)
        const chunked = await session.send(
          request(
            'POST',
            '/wire/ignore',
            'Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n',
          ),
          chunks(['GET /posts/666 HTTP/1.1\r\n\r\n', 'z'.repeat(5000)]),
        )
        expect(text(chunked.body)).toBe('ignored')
        expectPost(await session.send(request('GET', '/posts/5')), 5)
      })
    },
  },
  {
    name: 'serves an 8000-byte request target',
    async run(target: Target) {
      await inSession(target, async (session) => {
        // RFC 9112 §3: servers should support request lines of at least 8000 octets.
        const path = `/wire/length?p=${'x'.repeat(8000 - 15)}`
        const response = await session.send(request('GET', path))
        expect(response.status).toBe(200)
        expect(JSON.parse(text(response.body))).toEqual({ length: path.length })
      })
    },
  },
  {
    name: 'refuses a 100 KiB request target with 414 or 431',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const response = await session.send(
          request('GET', `/wire/length?p=${'x'.repeat(100 * 1024)}`, 'Connection: close\r\n'),
        )
        expect([414, 431]).toContain(response.status)
      })
    },
  },
  {
    name: 'sends a response header code unit as one byte (latin1), as the Fetch standard does',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const response = await session.send(request('GET', '/wire/header-out'))
        // RFC 9110 §5.5 obs-text; https://fetch.spec.whatwg.org/#concept-header-value: é is E9.
        expect(fieldValues(response, 'x-latin')).toEqual(['caf\xe9'])
      })
    },
  },
  {
    name: 'joins two Cookie header lines with "; " as one cookie list',
    async run(target: Target) {
      await inSession(target, async (session) => {
        // RFC 6265 §5.4 allows one Cookie field, but HTTP/2 clients split it (RFC 9113 §8.2.3),
        // and proxies pass the lines on: joined with ", " they would read as one cookie `a`.
        const response = await session.send(
          request('GET', '/wire/cookie', 'Cookie: a=1\r\nCookie: b=2\r\n'),
        )
        expect(JSON.parse(text(response.body))).toEqual({ cookie: 'a=1; b=2' })
      })
    },
  },
  {
    name: "frames a body by its real length when the app's Content-Length is wrong",
    async run(target: Target) {
      await inSession(target, async (session) => {
        const response = await session.send(request('GET', '/wire/lying'))
        // 10 announced, 5 sent: the client would wait for bytes that never come.
        expect(field(response, 'content-length')).toBe('5')
        expect(text(response.body)).toBe('hello')
        expectPost(await session.send(request('GET', '/posts/6')), 6)
      })
    },
  },
  {
    name: 'sends a body the app gzipped itself as it is',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const response = await session.send(
          request('GET', '/wire/gzipped', 'Accept-Encoding: gzip\r\n'),
        )
        expect(field(response, 'content-encoding')).toBe('gzip')
        // Decoded once, it is the text: not gzip bytes a runtime compressed a second time.
        expect(gunzipSync(response.body).toString('utf8')).toBe(GZIPPED_TEXT)
      })
    },
  },
  {
    name: 'fails the body read of a request whose client leaves before sending it all',
    async run(target: Target) {
      for (const [framing, partial] of [
        ['Content-Length: 1000\r\n', 'x'.repeat(500)],
        ['Transfer-Encoding: chunked\r\n', `1f4\r\n${'x'.repeat(500)}\r\n`],
      ] as const) {
        const id = uniqueId()
        const connection = await target.connect!()
        connection.write(
          request('POST', `/wire/partial?id=${id}`, `Content-Type: text/plain\r\n${framing}`),
        )
        connection.write(partial)
        await expectState(target, `/partial/status?id=${id}`, 'reading')
        connection.destroy()
        // A short body must not read as a complete one (nor hang the handler).
        await expectState(target, `/partial/status?id=${id}`, 'failed')
      }
    },
  },
  {
    name: 'reads a chunked body with trailer fields and keeps the connection in step',
    async run(target: Target) {
      await inSession(target, async (session) => {
        // RFC 9112 §7.1.2: trailer fields follow the last chunk, then an empty line.
        const echoed = await session.send(
          request(
            'POST',
            '/echo',
            'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
          ),
          '2;ext=1\r\n{}\r\n0\r\nX-Checksum: 99\r\n\r\n',
        )
        expect(echoed.status).toBe(200)
        expect(text(echoed.body)).toBe('{}')
        // The trailer is not a request: the next answer on the connection is this GET's.
        expectPost(await session.send(request('GET', '/posts/7')), 7)
      })
    },
  },
  {
    name: 'refuses an HTTP/1.1 request without Host with 400',
    async run(target: Target) {
      const connection = await target.connect!()
      try {
        // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request that lacks Host.
        connection.write('GET /posts/1 HTTP/1.1\r\nConnection: close\r\n\r\n')
        expect((await connection.response()).status).toBe(400)
      } finally {
        connection.destroy()
      }
    },
  },
] as const

/** `chunks(parts)` is `parts` as a chunked body (RFC 9112 §7.1), each part one chunk. */
function chunks(parts: readonly string[]): string {
  return `${parts.map((part) => `${part.length.toString(16)}\r\n${part}\r\n`).join('')}0\r\n\r\n`
}
