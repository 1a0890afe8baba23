import { expect } from 'vitest'
import type { Target } from './target.js'

const HELLO = 'hello, static world\n'

/** Static files: the shared handler of @ferry/middleware/static over each runtime's file source. */
export const staticCases = [
  {
    name: 'serves a static file with ETag, Last-Modified and Content-Length',
    async run(target: Target) {
      const response = await target.fetch('/static/hello.txt')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(response.headers.get('etag')).toMatch(/^"/)
      expect(response.headers.get('last-modified')).toMatch(/GMT$/)
      expect(response.headers.get('content-length')).toBe(String(HELLO.length))
      expect(await response.text()).toBe(HELLO)
    },
  },
  {
    name: 'answers a matching If-None-Match with 304 and HEAD with headers only',
    async run(target: Target) {
      const etag = (await target.fetch('/static/hello.txt', { method: 'HEAD' })).headers.get('etag')
      const head = await target.fetch('/static/hello.txt', { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(await head.text()).toBe('')
      const cached = await target.fetch('/static/hello.txt', {
        headers: { 'if-none-match': etag ?? '' },
      })
      expect(cached.status).toBe(304)
      expect(await cached.text()).toBe('')
    },
  },
  {
    name: 'answers a Range with 206 and an unsatisfiable one with 416',
    async run(target: Target) {
      const partial = await target.fetch('/static/hello.txt', { headers: { range: 'bytes=7-12' } })
      expect(partial.status).toBe(206)
      expect(partial.headers.get('content-range')).toBe(`bytes 7-12/${HELLO.length}`)
      expect(await partial.text()).toBe('static')
      const beyond = await target.fetch('/static/hello.txt', { headers: { range: 'bytes=999-' } })
      expect(beyond.status).toBe(416)
      expect(beyond.headers.get('content-range')).toBe(`bytes */${HELLO.length}`)
    },
  },
  {
    name: 'serves the index file of a directory',
    async run(target: Target) {
      const response = await target.fetch('/static/docs/')
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('docs index')
    },
  },
  {
    name: 'refuses encoded dot-dot, backslashes, dotfiles and links leaving the root or to a dotfile',
    async run(target: Target) {
      // Encoded, so the client's URL parser cannot resolve them away before they are sent.
      const attempts = [
        '/static/%2e%2e/secret.txt',
        '/static/%2E%2E%2Fsecret.txt',
        '/static/..%5csecret.txt',
        '/static/.hidden',
        '/static/leak.txt',
        // config -> .hidden: a plain name whose real path is a dotfile.
        '/static/config',
      ]
      for (const path of attempts) {
        const response = await target.fetch(path)
        expect([400, 403, 404], path).toContain(response.status)
        const body = await response.text()
        expect(body, path).not.toContain('top secret')
        expect(body, path).not.toContain('dotfile secret')
      }
    },
  },
] as const
