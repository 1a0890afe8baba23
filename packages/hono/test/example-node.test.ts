import { serve } from '@ferry/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { app } from '../example/app.js'

// The example app on real Node over real HTTP, the way example/node.ts serves it.
let server: Awaited<ReturnType<typeof serve>>

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {}) // the example's Hono logger
  server = await serve(
    { fetch: async (request, env) => app.fetch(request, env) },
    { port: 0, hostname: '127.0.0.1', handleSignals: false, env: { GREETING: 'hello from Node' } },
  )
})
afterAll(async () => {
  await server?.close()
  vi.restoreAllMocks()
})

const at = (path: string) => new URL(path, server.url)

describe('the example on Node', () => {
  it('serves Ferry under /api with prefixed links and the env', async () => {
    expect(await (await fetch(at('/api/posts'))).json()).toEqual({
      posts: ['/api/posts/1', '/api/posts/2', '/api/posts/3'],
    })
    expect(await (await fetch(at('/api/posts/2'))).json()).toEqual({
      id: 2,
      self: '/api/posts/2',
      greeting: 'hello from Node',
    })
  })

  it('falls through to Hono and keeps Hono middleware around Ferry', async () => {
    expect(await (await fetch(at('/api/legacy'))).json()).toEqual({ from: 'hono' })
    expect(await (await fetch(at('/'))).text()).toMatch(/^Hono at the root/)
    const res = await fetch(at('/api/posts/2'), { method: 'PUT' })
    expect(res.status).toBe(405)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('runs waitUntil work on Node', async () => {
    const before = (await (await fetch(at('/api/visits'))).json()).visits as number
    expect((await fetch(at('/api/visits'), { method: 'POST' })).status).toBe(202)
    await expect
      .poll(async () => (await (await fetch(at('/api/visits'))).json()).visits)
      .toBe(before + 1)
  })

  it('streams an upload back over HTTP while it is still being sent', async () => {
    let push!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = controller
      },
    })
    push.enqueue(new TextEncoder().encode('one;'))
    const res = await fetch(at('/api/echo'), {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit)
    const reader = res.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('one;')
    push.enqueue(new TextEncoder().encode('two'))
    push.close()
    let rest = ''
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value)
    expect(rest).toBe('two')
  })
})
