import { request as httpRequest } from 'node:http'
import type { ExecutionContext } from '@ferry/router'
import { afterEach, describe, expect, it } from 'vitest'
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

  it('delivers an answer sent before the request body was read to the end', async () => {
    server = await serve(probeApp().app, { port: 0, hostname: '127.0.0.1' })
    const body = new Uint8Array(1024 * 1024)
    const response = await fetch(new URL('/early', server.url), { method: 'POST', body })
    expect(response.status).toBe(413)
    expect(await response.text()).toBe('too large')
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

  it('close() stops waiting for waitUntil work at shutdownTimeout and still closes the app', async () => {
    let closed = false
    const { app } = probeApp({ closed: () => (closed = true) })
    server = await serve(app, { port: 0, hostname: '127.0.0.1', shutdownTimeout: 50 })
    expect(await (await fetch(new URL('/forever', server.url))).text()).toBe('queued forever')
    await server.close()
    expect(closed).toBe(true)
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
