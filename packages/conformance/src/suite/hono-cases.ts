import { expect } from 'vitest'
import { expectState, readProblem, type Target, uniqueId } from './target.js'

const title = 'a b/c%d é'

/** The fixture app mounted in a Hono app under `/api` with `toHono` (`../fixture/hono-app.ts`). */
export const honoCases = [
  {
    name: 'serves Ferry routes under the prefix, with prefixed href links',
    async run(target: Target) {
      const post = await target.fetch('/api/posts/42')
      expect(await post.json()).toEqual({ id: 42, type: 'number' })
      const link = await target.fetch(`/api/links/note?title=${encodeURIComponent(title)}`)
      const { href } = (await link.json()) as { href: string }
      expect(href.startsWith('/api/notes/')).toBe(true)
      expect(await (await target.fetch(href)).json()).toEqual({ title })
    },
  },
  {
    name: 'falls through to Hono for a path Ferry does not route',
    async run(target: Target) {
      expect(await (await target.fetch('/api/legacy')).json()).toEqual({ from: 'hono' })
      const missing = await target.fetch('/api/no/such/thing')
      expect(missing.status).toBe(404)
      expect(missing.headers.get('content-type')).not.toMatch(/problem\+json/)
      expect(await missing.text()).toBe('404 Not Found')
    },
  },
  {
    name: 'answers a wrong method with the Ferry 405 and its Allow',
    async run(target: Target) {
      const response = await target.fetch('/api/posts/1', { method: 'DELETE' })
      expect(response.status).toBe(405)
      const allow = (response.headers.get('allow') ?? '').split(',').map((m) => m.trim())
      expect(allow).toEqual(expect.arrayContaining(['GET', 'HEAD']))
      const problem = await readProblem(response)
      expect(problem.type).toMatch(/^application\/problem\+json/)
      expect(problem.body.status).toBe(405)
    },
  },
  {
    name: "passes the runtime's env bindings through Hono to the Ferry handler",
    async run(target: Target) {
      expect(await (await target.fetch('/api/env')).json()).toEqual({ greeting: 'hello from env' })
    },
  },
  {
    name: "finishes Ferry waitUntil work through the runtime's execution context",
    async run(target: Target) {
      const id = uniqueId()
      expect(await (await target.fetch(`/api/later?id=${id}`)).text()).toBe('queued')
      await expectState(target, `/api/later/status?id=${id}`, 'done')
    },
  },
] as const
