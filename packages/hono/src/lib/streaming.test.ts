import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { logger } from 'hono/logger'
import { describe, expect, it } from 'vitest'
import { toHono } from './to-hono.js'

const Echo = kind('POST /echo')
const Ticks = kind('GET /ticks')
const text = new TextEncoder()
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b)

/** A gate the test opens; the stream waits on it, so nothing depends on time. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => {
    open = r
  })
  return { open, opened }
}

// The Ferry handlers hand the request stream straight back and emit a response chunk only when
// the test opens a gate: if anything on the way buffered a body, a read below would never resolve.
function embedded(second: Promise<void>) {
  const ferry = createRouter()
    .route(Echo, (c) => c.respond(c.request.body, { headers: { 'content-type': 'text/plain' } }))
    .route(Ticks, (c) =>
      c.respond(
        new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(text.encode('first'))
            await second
            controller.enqueue(text.encode('second'))
            controller.close()
          },
        }),
        { headers: { 'content-type': 'text/plain' } },
      ),
    )
  return new Hono()
    .use(logger(() => {}))
    .use('/api/*', cors())
    .use('/api/*', toHono(ferry))
}

describe('bodies through Hono and Ferry', () => {
  it('streams a response incrementally', async () => {
    const g = gate()
    const res = await embedded(g.opened).fetch(new Request('http://x.test/api/ticks'))
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const reader = res.body!.getReader()
    expect(decode((await reader.read()).value)).toBe('first')
    g.open()
    expect(decode((await reader.read()).value)).toBe('second')
    expect((await reader.read()).done).toBe(true)
  })

  it('streams a request body through, chunk by chunk, bytes unchanged', async () => {
    let push!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = controller
      },
    })
    const request = new Request('http://x.test/api/echo', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit)
    const res = await embedded(gate().opened).fetch(request)
    const reader = res.body!.getReader()
    const bytes = new Uint8Array([0, 0xff, 0xfe, 0x80, 10])
    push.enqueue(bytes)
    expect((await reader.read()).value).toEqual(bytes)
    push.enqueue(text.encode('later'))
    expect(decode((await reader.read()).value)).toBe('later')
    push.close()
    expect((await reader.read()).done).toBe(true)
  })
})
