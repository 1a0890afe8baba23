import { describe, expect, it } from 'vitest'
import { keepSignalOnDelivery } from './delivered-signal.js'

/** A request whose runtime signal this test aborts, and the `completed` promise Deno would give. */
function exchange() {
  const runtime = new AbortController()
  const request = new Request('http://localhost/', { signal: runtime.signal })
  const completed = {} as { resolve(): void; reject(error: Error): void }
  const promise = new Promise<void>((resolve, reject) =>
    Object.assign(completed, { resolve, reject }),
  )
  keepSignalOnDelivery(request, promise)
  return { runtime, request, completed }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('keepSignalOnDelivery', () => {
  it('keeps the signal unaborted when Deno aborts it right after delivering the response', async () => {
    const { runtime, request, completed } = exchange()
    const { signal } = request
    // Deno's order on success: resolve `completed`, then abort, in one task.
    completed.resolve()
    runtime.abort()
    await settle()
    expect(signal.aborted).toBe(false)
    expect(request.signal).toBe(signal)
  })

  it('aborts it when the client goes away before the response is delivered', async () => {
    const { runtime, request } = exchange()
    const reason = new Error('gone')
    const aborted = new Promise((resolve) => request.signal.addEventListener('abort', resolve))
    runtime.abort(reason)
    await aborted
    expect(request.signal.reason).toBe(reason)
  })

  it('aborts it when the response could not be sent', async () => {
    const { runtime, request, completed } = exchange()
    const { signal } = request
    runtime.abort()
    completed.reject(new Error('HTTP response was not sent successfully'))
    await settle()
    expect(signal.aborted).toBe(true)
  })

  it('answers a first read after delivery with an unaborted signal', async () => {
    const { runtime, request, completed } = exchange()
    completed.resolve()
    runtime.abort()
    await settle()
    expect(request.signal.aborted).toBe(false)
  })

  it('answers a first read after the client left with an aborted signal at once', () => {
    const { runtime, request } = exchange()
    runtime.abort()
    expect(request.signal.aborted).toBe(true)
  })
})
