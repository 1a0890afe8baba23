import { expect } from 'vitest'
import { createCrc32 } from '../fixture/crc32.js'
import { chunks, expectPost, inSession, request, text } from './raw-session.js'
import { expectState, type Target, uniqueId } from './target.js'

/**
 * How each runtime's HTTP/1.1 server reads requests: chunked bodies and trailers, 100-continue,
 * bodies left unread or cut short, a missing Host. Every case needs `Target.connect`.
 */
export const connectionCases = [
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
  {
    name: 'serves an HTTP/1.0 request without Host',
    async run(target: Target) {
      const connection = await target.connect!()
      try {
        // RFC 9112 §3.2 asks Host of HTTP/1.1 only; the URL then names the server itself.
        connection.write('GET /posts/1 HTTP/1.0\r\n\r\n')
        expectPost(await connection.response(), 1)
      } finally {
        connection.destroy()
      }
    },
  },
] as const
