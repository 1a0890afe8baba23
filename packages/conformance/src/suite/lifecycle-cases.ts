import { expect } from 'vitest'
import { request } from './raw-session.js'
import { expectState, stateAt, type Target, uniqueId } from './target.js'

/** A target for a separately spawned server. */
const over = (url: string): Target => ({ fetch: (path, init) => fetch(new URL(path, url), init) })

/** Streams, aborts, headers, the connection and the request's life after the response. */
export const lifecycleCases = [
  {
    name: 'streams a response incrementally and sees the client cancel it',
    async run(target: Target) {
      // /ticks never ends: a runtime that buffered the body could not answer at all.
      const id = uniqueId()
      const response = await target.fetch(`/ticks?id=${id}`)
      expect(response.status).toBe(200)
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      let text = ''
      while (!text.includes('tick 3\n')) text += (await reader.read()).value ?? ''
      expect(text.startsWith('tick 1\ntick 2\ntick 3\n')).toBe(true)
      await reader.cancel()
      await expectState(target, `/ticks/status?id=${id}`, 'cancelled')
    },
  },
  {
    name: 'aborts request.signal when the client goes away',
    async run(target: Target) {
      const id = uniqueId()
      const controller = new AbortController()
      const hanging = target.fetch(`/hang?id=${id}`, { signal: controller.signal })
      hanging.catch(() => {})
      await expectState(target, `/hang/status?id=${id}`, 'waiting')
      controller.abort()
      await expectState(target, `/hang/status?id=${id}`, 'aborted')
    },
  },
  {
    name: 'keeps repeated headers apart',
    async run(target: Target) {
      const headers = new Headers()
      headers.append('x-many', 'one')
      headers.append('x-many', 'two')
      const response = await target.fetch('/headers', { headers })
      expect(await response.json()).toEqual({ many: 'one, two' })
      expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    },
  },
  {
    name: 'knows the client address',
    async run(target: Target) {
      const response = await target.fetch('/whoami')
      const { remoteAddress } = (await response.json()) as { remoteAddress: string }
      expect(['127.0.0.1', '::ffff:127.0.0.1', '::1']).toContain(remoteAddress)
    },
  },
  {
    name: 'passes env bindings to the context',
    async run(target: Target) {
      const response = await target.fetch('/env')
      expect(await response.json()).toEqual({ greeting: 'hello from env' })
    },
  },
  {
    name: "hands the Worker's ctx.props and ctx.exports to handlers and to Hono behind fromHono",
    async run(target: Target) {
      // The workerd config gives the socket's service these props (workerd-config.ts); exports
      // hold the Worker's own entrypoints, `default` among them.
      const expected = { props: { tenant: 'conformance' }, exports: ['default'] }
      expect(await (await target.fetch('/workers-context')).json()).toEqual(expected)
      expect(await (await target.fetch('/workers-context/hono')).json()).toEqual(expected)
    },
  },
  {
    name: 'finishes waitUntil work after the response',
    async run(target: Target) {
      const id = uniqueId()
      const response = await target.fetch(`/later?id=${id}`)
      expect(await response.text()).toBe('queued')
      await expectState(target, `/later/status?id=${id}`, 'done')
    },
  },
  {
    name: 'finishes an in-flight request on SIGTERM, then exits',
    async run(target: Target) {
      const server = await target.spawn!()
      try {
        const id = uniqueId()
        const inflight = fetch(new URL(`/slow?id=${id}`, server.url))
        await expectState(over(server.url), `/slow/status?id=${id}`, 'started')
        server.kill('SIGTERM')
        const response = await inflight
        expect(await response.text()).toBe('finished')
        expect(await server.exited).toBe(0)
      } finally {
        await server.stop()
      }
    },
  },
  {
    name: 'closes the app (disposing its resources) on SIGTERM',
    async run(target: Target) {
      const server = await target.spawn!()
      try {
        // The first request opens the fixture's resource; shutdown must dispose it.
        expect((await fetch(new URL('/runtime', server.url))).status).toBe(200)
        server.kill('SIGTERM')
        expect(await server.exited).toBe(0)
        expect(server.output()).toContain('fixture: app closed')
      } finally {
        await server.stop()
      }
    },
  },
  {
    name: 'cuts a response whose body stream fails midway, never ending it cleanly',
    async run(target: Target) {
      // What a client sees: the body read fails (not a short text that looks complete).
      const response = await target.fetch('/wire/broken').catch(() => undefined)
      if (response !== undefined) await expect(response.text()).rejects.toThrow()
      if (target.connect === undefined) return
      const connection = await target.connect()
      try {
        connection.write(request('GET', '/wire/broken'))
        // On the wire: no head at all, or a body short of its framing; then the connection ends.
        const raw = await connection.response().catch(() => undefined)
        if (raw !== undefined) expect(raw.complete).toBe(false)
        await connection.closed
      } finally {
        connection.destroy()
      }
    },
  },
  {
    name: 'leaves request.signal alone after a response that was delivered',
    async run(target: Target) {
      const id = uniqueId()
      const response = await target.fetch(`/wire/settled?id=${id}`)
      expect(await response.text()).toBe('done')
      // The client read the whole answer and never went away: nothing to abort.
      expect(await stateAt(target, `/settled/status?id=${id}`)).toBe('answered')
    },
  },
] as const
