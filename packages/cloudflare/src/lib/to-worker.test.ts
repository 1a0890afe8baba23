import type { ExecutionContext } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { toWorker } from './to-worker.js'

// A stand-in for the runtime's ctx whose methods, like workerd's, refuse a foreign `this`.
class StrictContext {
  readonly waited: Promise<unknown>[] = []
  passedThrough = false
  waitUntil(promise: Promise<unknown>) {
    if (!(this instanceof StrictContext)) throw new TypeError('Illegal invocation')
    this.waited.push(promise)
  }
  passThroughOnException() {
    if (!(this instanceof StrictContext)) throw new TypeError('Illegal invocation')
    this.passedThrough = true
  }
}

describe('toWorker', () => {
  it('hands env, waitUntil and the edge client address to the app', async () => {
    const seen: { env?: unknown; ctx?: ExecutionContext } = {}
    const worker = toWorker<{ KV: string }>({
      async fetch(_request, env, ctx) {
        seen.env = env
        seen.ctx = ctx
        const { waitUntil, passThroughOnException } = ctx ?? {}
        waitUntil?.(Promise.resolve('later'))
        passThroughOnException?.()
        return new Response('ok')
      },
    })
    const ctx = new StrictContext()
    const request = new Request('https://example.com/', {
      headers: { 'cf-connecting-ip': '203.0.113.7' },
    })
    const response = await worker.fetch(request, { KV: 'binding' }, ctx)
    expect(await response.text()).toBe('ok')
    expect(seen.env).toEqual({ KV: 'binding' })
    expect(seen.ctx?.remoteAddress).toBe('203.0.113.7')
    expect(ctx.waited).toHaveLength(1)
    expect(ctx.passedThrough).toBe(true)
  })

  it("hands the Worker's ctx.props and ctx.exports to the app", async () => {
    let seen: ExecutionContext | undefined
    const worker = toWorker({
      async fetch(_request, _env, ctx) {
        seen = ctx
        return new Response(null, { status: 204 })
      },
    })
    const exports = { default: { fetch: () => new Response('loopback') } }
    const ctx = Object.assign(new StrictContext(), { props: { tenant: 't1' }, exports })
    await worker.fetch(new Request('https://example.com/'), {}, ctx)
    expect(seen?.props).toEqual({ tenant: 't1' })
    expect(seen?.exports).toBe(exports)
  })

  it('leaves the client address undefined without CF-Connecting-IP', async () => {
    let address: string | undefined = 'unset'
    const worker = toWorker({
      async fetch(_request, _env, ctx) {
        address = ctx?.remoteAddress
        return new Response(null, { status: 204 })
      },
    })
    await worker.fetch(new Request('https://example.com/'), {}, new StrictContext())
    expect(address).toBeUndefined()
  })

  it('answers 400 with a problem, before the app, when the URL holds no valid host', async () => {
    let called = false
    const worker = toWorker({
      async fetch() {
        called = true
        return new Response('app')
      },
    })
    // workerd's request.url for GET /x with `Host: a?b`: the header copied in as it came. Node's
    // Request constructor would normalise that URL, so the request is a stand-in here (the
    // conformance suite sends the real header to a real workerd).
    const request = { url: 'http://a?b/x', headers: new Headers() } as Request
    const response = await worker.fetch(request, {}, new StrictContext())
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 400, title: 'Bad Request' })
    expect(called).toBe(false)
  })

  it('answers 400 for a Host that moves the path of a sound-looking URL', async () => {
    const worker = toWorker({ fetch: async () => new Response('app') })
    // workerd's request.url for GET /posts/1 with `Host: a/b`.
    const request = { url: 'http://a/b/posts/1', headers: new Headers({ host: 'a/b' }) } as Request
    const response = await worker.fetch(request, {}, new StrictContext())
    expect(response.status).toBe(400)
  })
})
