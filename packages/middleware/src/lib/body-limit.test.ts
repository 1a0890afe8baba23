import { afterEach, describe, expect, it, vi } from 'vitest'
import { WorkersRequest, run } from '../../test/harness'
import { bodyLimit } from './body-limit'

const readAll = async (c: { request: Request }) =>
  new Response(`read ${(await c.request.arrayBuffer()).byteLength}`)
const stream = (chunks: number, size: number) => {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent++ === chunks) c.close()
      else c.enqueue(new Uint8Array(size))
    },
  })
}

describe('bodyLimit()', () => {
  it('lets a body within the limit through', async () => {
    const res = await run([bodyLimit({ max: 10 })], readAll, '/', {
      method: 'POST',
      body: 'x'.repeat(10),
    })
    expect(await res.text()).toBe('read 10')
  })

  it('refuses a too-large Content-Length before reading', async () => {
    let read = false
    const res = await run(
      [bodyLimit({ max: 10 })],
      () => {
        read = true
        return new Response('no')
      },
      '/',
      { method: 'POST', body: 'x'.repeat(11), headers: { 'content-length': '11' } },
    )
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({
      status: 413,
      limit: 'bodySize',
      max: 10,
      detail: 'the request body is larger than 10 bytes',
    })
    expect(read).toBe(false)
  })

  it('counts a streamed body without Content-Length', async () => {
    const res = await run([bodyLimit({ max: 1000 })], readAll, '/', {
      method: 'POST',
      body: stream(20, 100),
    })
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('catches a lying Content-Length', async () => {
    const req = new Request('http://app.test/', {
      method: 'POST',
      body: stream(20, 100),
      headers: { 'content-length': '5' },
      duplex: 'half',
    } as RequestInit)
    const res = await run([bodyLimit({ max: 1000 })], readAll, req)
    expect(res.status).toBe(413)
  })

  it('answers 413 even when the handler swallows the read error', async () => {
    const res = await run(
      [bodyLimit({ max: 50 })],
      async (c: { request: Request }) => {
        await c.request.text().catch(() => '')
        return new Response('pretending all is well')
      },
      '/',
      { method: 'POST', body: stream(3, 100) },
    )
    expect(res.status).toBe(413)
  })

  it('refuses a malformed Content-Length with 400', async () => {
    const req = new Request('http://app.test/', {
      method: 'POST',
      headers: { 'content-length': '1e3' },
    })
    const res = await run([bodyLimit({ max: 10 })], readAll, req)
    expect(res.status).toBe(400)
  })

  it.each([[-1], [1.5], [Number.NaN], [undefined]])('refuses max %j', (max) => {
    expect(() => bodyLimit({ max: max as number })).toThrow(RangeError)
  })
})

describe('bodyLimit() on Cloudflare Workers', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('keeps request.cf on the counted request handlers see', async () => {
    vi.stubGlobal('Request', WorkersRequest)
    const cf = { country: 'NZ', asn: 64500 }
    const request = new WorkersRequest('http://app.test/', { method: 'POST', body: 'abc', cf })
    const res = await run(
      [bodyLimit({ max: 10 })],
      async (c: { request: WorkersRequest }) =>
        Response.json({ cf: c.request.cf ?? null, text: await c.request.text() }),
      request,
    )
    expect(await res.json()).toEqual({ cf, text: 'abc' })
  })
})
