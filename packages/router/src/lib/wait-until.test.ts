import { kind } from '@ferry/kind'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRouter } from './router.js'

const Home = kind('GET /')

// A thenable that is no Promise: what JavaScript callers (and some libraries' lazy queries) pass.
function thenable(outcome: 'resolve' | 'reject'): PromiseLike<string> {
  return {
    // biome-ignore lint/suspicious/noThenProperty: the point of the test is a bare thenable
    then(ok, fail) {
      queueMicrotask(() =>
        outcome === 'resolve' ? ok?.('done') : fail?.(new Error('work failed')),
      )
      return this as never
    },
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  vi.restoreAllMocks()
})

describe('c.waitUntil(p)', () => {
  it('takes a bare thenable when no runtime context keeps the work alive', async () => {
    const app = createRouter().route(Home, (c) => {
      c.waitUntil(thenable('resolve'))
      return 'ok'
    })
    const res = await app.request('/')
    expect([res.status, await res.text()]).toEqual([200, 'ok'])
  })

  it("logs a bare thenable's failure rather than leaving it unhandled", async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = createRouter().route(Home, (c) => {
      c.waitUntil(thenable('reject'))
      return 'ok'
    })
    expect((await app.request('/')).status).toBe(200)
    await settle()
    expect(log).toHaveBeenCalledWith('[ferry] waitUntil work failed:', new Error('work failed'))
  })

  it("hands the runtime's waitUntil a Promise, also for a bare thenable", async () => {
    const given: unknown[] = []
    const app = createRouter().route(Home, (c) => {
      c.waitUntil(thenable('resolve'))
      return 'ok'
    })
    const res = await app.fetch(new Request('http://localhost/'), undefined, {
      waitUntil: (p) => given.push(p),
    })
    expect(res.status).toBe(200)
    expect(given[0]).toBeInstanceOf(Promise)
    expect(await given[0]).toBe('done')
  })
})
