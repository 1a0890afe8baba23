import { expect } from 'vitest'
import { readProblem, type Target } from './target.js'

// A title that needs every kind of percent-encoding: space, `/` inside a segment, `%`, `?`, `#`,
// and non-ASCII. Runtimes normalise request URLs differently; the round trip must survive all.
const awkwardTitle = 'a b/c%d?e#f é ☃'

/** Routing, typed params, links and the router's refusals, as any client sees them. */
export const routingCases = [
  {
    name: 'routes by path and decodes typed params',
    async run(target: Target) {
      const response = await target.fetch('/posts/42')
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ id: 42, type: 'number' })
    },
  },
  {
    name: 'answers a non-canonical param with a 404 problem',
    async run(target: Target) {
      const response = await target.fetch('/posts/007')
      expect(response.status).toBe(404)
      expect((await readProblem(response)).type).toMatch(/^application\/problem\+json/)
    },
  },
  {
    name: 'round-trips href output through the server',
    async run(target: Target) {
      const link = await target.fetch(`/links/note?title=${encodeURIComponent(awkwardTitle)}`)
      const { href } = (await link.json()) as { href: string }
      expect(href.startsWith('/notes/')).toBe(true)
      const note = await target.fetch(href)
      expect(await note.json()).toEqual({ title: awkwardTitle })
    },
  },
  {
    name: 'answers a malformed percent-encoding with a 400 problem',
    async run(target: Target) {
      for (const path of ['/notes/%ZZ', '/notes/%C3%28']) {
        const response = await target.fetch(path)
        expect(response.status, path).toBe(400)
        expect((await readProblem(response)).type, path).toMatch(/^application\/problem\+json/)
      }
    },
  },
  {
    name: 'answers an unknown path with a 404 problem',
    async run(target: Target) {
      const response = await target.fetch('/no/such/thing')
      expect(response.status).toBe(404)
      const problem = await readProblem(response)
      expect(problem.type).toMatch(/^application\/problem\+json/)
      expect(problem.body.status).toBe(404)
    },
  },
  {
    name: 'answers a wrong method with 405 and Allow',
    async run(target: Target) {
      const response = await target.fetch('/posts/1', { method: 'DELETE' })
      expect(response.status).toBe(405)
      expect(allowed(response)).toEqual(expect.arrayContaining(['GET', 'HEAD']))
      expect((await readProblem(response)).body.status).toBe(405)
    },
  },
  {
    name: 'answers HEAD like GET without a body',
    async run(target: Target) {
      const response = await target.fetch('/posts/1', { method: 'HEAD' })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(await response.text()).toBe('')
    },
  },
  {
    name: 'answers OPTIONS with Allow',
    async run(target: Target) {
      const response = await target.fetch('/posts/1', { method: 'OPTIONS' })
      expect(response.status).toBeLessThan(300)
      expect(allowed(response)).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS']))
    },
  },
  {
    name: 'refuses a bad query value with a 400 problem',
    async run(target: Target) {
      const good = await target.fetch('/search?page=3')
      expect(await good.json()).toEqual({ page: 3 })
      const response = await target.fetch('/search?page=three')
      expect(response.status).toBe(400)
      expect((await readProblem(response)).type).toMatch(/^application\/problem\+json/)
    },
  },
  {
    name: 'refuses an unacceptable Accept with a 406 problem',
    async run(target: Target) {
      const response = await target.fetch('/posts/1', { headers: { accept: 'image/png' } })
      expect(response.status).toBe(406)
      expect((await readProblem(response)).type).toMatch(/^application\/problem\+json/)
    },
  },
  {
    name: 'redirects a trailing slash to the canonical URL with 308',
    async run(target: Target) {
      const response = await target.fetch('/posts/5/', { redirect: 'manual' })
      expect(response.status).toBe(308)
      expect(new URL(response.headers.get('location') ?? '', 'http://x').pathname).toBe('/posts/5')
    },
  },
  {
    name: 'answers a Host header that names no valid URL with a 400 problem, before the app',
    async run(target: Target) {
      // Servers build request.url as scheme + Host + target: `Host: a?b` would make the router
      // see path `/` while the client asked for /posts/1. Every adapter refuses it up front.
      for (const host of ['a?b', 'a/b', 'x@y', 'a#b']) {
        const answer = await target.raw!(
          `GET /posts/1 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
        )
        const [head = '', body = ''] = answer.split('\r\n\r\n')
        expect(head.split('\r\n')[0], host).toMatch(/^HTTP\/1\.1 400 /)
        expect(head.toLowerCase(), host).toContain('content-type: application/problem+json')
        expect(body, host).toContain('"status":400')
      }
    },
  },
  {
    name: 'answers a request with two Host header fields with 400, before the app',
    async run(target: Target) {
      // RFC 9112 §3.2: a server MUST answer 400. A proxy before the app may have taken the other.
      const answer = await target.raw!(
        'GET /posts/1 HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n',
      )
      expect(answer.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 400 /)
      expect(answer).not.toContain('"id":1')
    },
  },
  {
    name: 'resolves dot segments in the request target as URL parsing does, on every runtime',
    async run(target: Target) {
      // Bun resolves them (WHATWG URL); Node's and Deno's servers and a bare workerd pass them on
      // as sent, and their adapters resolve them, so no route sees a `..` and all runtimes agree.
      for (const path of [
        '/x/../posts/7',
        '/x/%2e%2E/posts/7',
        '/posts/./7',
        '/x/y/../../posts/7',
        // A backslash is a path separator to URL parsing (special schemes).
        '/x\\..\\posts\\7',
      ]) {
        const answer = await target.raw!(
          `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
        )
        const [head = '', body = ''] = answer.split('\r\n\r\n')
        expect(head.split('\r\n')[0], path).toMatch(/^HTTP\/1\.1 200 /)
        expect(body, path).toContain('"id":7')
      }
    },
  },
  {
    name: 'decodes percent-encoded UTF-8 paths and + in queries the same everywhere',
    async run(target: Target) {
      for (const [path, expected] of [
        [
          '/wire/decode/caf%C3%A9%20x+y%2Fz?q=a+b%2Bc%20%C3%A9',
          { segment: 'café x+y/z', q: 'a b+c é' },
        ],
        ['/wire/decode/caf%c3%a9?q=%E2%98%83', { segment: 'café', q: '☃' }],
      ] as const) {
        const response = await target.fetch(path)
        expect(response.status, path).toBe(200)
        expect(await response.json(), path).toEqual(expected)
      }
    },
  },
] as const

function allowed(response: Response): string[] {
  return (response.headers.get('allow') ?? '').split(',').map((method) => method.trim())
}
