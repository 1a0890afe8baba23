import { gunzipSync } from 'node:zlib'
import { expect } from 'vitest'
import { GZIPPED_TEXT } from '../fixture/wire-routes.js'
import { field, fieldValues } from './raw-http.js'
import { expectPost, inSession, request, text } from './raw-session.js'
import { type Target, uniqueId } from './target.js'

/**
 * What each runtime's HTTP/1.1 server sends around the app: framing, header bytes, lengths. Every
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
    name: 'answers HEAD of an answer with no body (a redirect) with the length GET sends, 0',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const get = await session.send(request('GET', '/posts/5/'))
        const head = await session.send(request('HEAD', '/posts/5/'), undefined, { head: true })
        expect([get.status, head.status]).toEqual([308, 308])
        // RFC 9110 §8.6: the length GET would send, not the framing of a streamed GET.
        expect(field(get, 'content-length')).toBe('0')
        expect(field(head, 'content-length')).toBe('0')
        expect(field(head, 'transfer-encoding')).toBeNull()
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
    name: "frames a middleware's own problem with its length, as the router's",
    async run(target: Target) {
      await inSession(target, async (session) => {
        // etag()'s 412 is built with the app's Response class, as the router's 404 is: a string
        // body each runtime's server sends with a Content-Length, not chunked.
        const failed = await session.send(
          request('GET', '/mw/etag/doc', 'If-Match: "not-the-current-tag"\r\n'),
        )
        expect(failed.status).toBe(412)
        expect(field(failed, 'content-type')).toBe('application/problem+json')
        expect(field(failed, 'transfer-encoding')).toBeNull()
        expect(field(failed, 'content-length')).toBe(String(failed.body.byteLength))
        expect(JSON.parse(text(failed.body))).toMatchObject({ status: 412 })
        expectPost(await session.send(request('GET', '/posts/4')), 4)
      })
    },
  },
  {
    name: 'answers a CONNECT with a 400 problem',
    async run(target: Target) {
      // RFC 9110 §9.3.6: CONNECT asks for a tunnel to an authority, which names no URL to route.
      // Node closes such a socket unanswered unless the server listens for 'connect'; Deno
      // answers and keeps the connection, so one response is read, not the whole exchange.
      await inSession(target, async (session) => {
        const answer = await session.send(
          'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
        )
        expect(answer.status).toBe(400)
        expect(field(answer, 'content-type')).toBe('application/problem+json')
        expect(JSON.parse(text(answer.body))).toMatchObject({ status: 400, title: 'Bad Request' })
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
    name: 'gives the app every line of a repeated request field, joined with commas',
    async run(target: Target) {
      await inSession(target, async (session) => {
        const twice =
          'Authorization: Bearer one\r\nauthorization: Bearer two\r\nX-Many: 1\r\nX-Many: 2\r\n'
        const response = await session.send(request('GET', '/headers', twice))
        // Fetch "combine"; Node's parser kept the first Authorization alone.
        expect(JSON.parse(text(response.body))).toEqual({
          many: '1, 2',
          authorization: 'Bearer one, Bearer two',
        })
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
] as const
