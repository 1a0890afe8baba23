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
})
