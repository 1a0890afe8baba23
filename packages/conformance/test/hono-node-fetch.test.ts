import { createHonoFixture } from '../src/fixture/hono-app.js'
import { defineHonoSuite } from '../src/suite/define-suite.js'

// The Hono-embedded fixture called in-process through Hono's fetch, with Workers-shaped env and ctx.
defineHonoSuite('node in-process (Hono app with toHono)', {
  async start() {
    const hono = createHonoFixture('node-hono')
    const env = { GREETING: 'hello from env' }
    const ctx = {
      waitUntil: (promise: Promise<unknown>) => void promise.catch(() => {}),
      passThroughOnException: () => {},
      props: {},
    }
    const target = {
      fetch: async (path: string, init?: RequestInit) =>
        hono.fetch(new Request(new URL(path, 'http://in-process.test'), init), env, ctx),
    }
    return { target, stop: async () => {} }
  },
})
