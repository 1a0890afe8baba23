import { describe, expect, it } from 'vitest'
import { failureOf, postOf, streamOf, utf8 } from '../../test/helpers.js'
import { parseMultipart } from './parse-multipart.js'
import { readBody, readFramed } from './read-body.js'

const LIMIT = 10

/** A request streaming `chunks`, with `stats` counting pulls and whether `body` was read. */
function requestOf(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  const stats = { pulls: 0, cancelled: undefined as unknown }
  const request = postOf(streamOf(chunks, stats), 'application/octet-stream', headers)
  return { request, stats }
}

const ways = [
  ['counted (not framed)', false],
  ['framed by a server', true],
] as const

describe('readBody', () => {
  it.each(ways)('reads a body within the limit, %s', async (_, framed) => {
    const { request } = requestOf([utf8('hello '), utf8('you')], { 'content-length': '9' })
    expect(new TextDecoder().decode(await readBody(request, LIMIT, { framed }))).toBe('hello you')
  })

  it.each(ways)('fails a declared length over the limit before reading, %s', async (_, framed) => {
    const { request, stats } = requestOf([utf8('x')], { 'content-length': '11' })
    expect(await failureOf(readBody(request, LIMIT, { framed }))).toMatchObject({
      status: 413,
      limit: 'bodySize',
      max: LIMIT,
    })
    expect(stats.pulls).toBe(0)
    expect(stats.cancelled).toBeDefined()
  })

  it.each([
    ['no Content-Length', {}],
    ['a Content-Length that lies', { 'content-length': '3' }],
  ])('counts the bytes of a body with %s unless framed', async (_, headers) => {
    const chunks = [utf8('123456'), utf8('789012'), utf8('345')]
    const { request, stats } = requestOf(chunks, headers)
    expect(await failureOf(readBody(request, LIMIT, { framed: false }))).toMatchObject({
      status: 413,
      limit: 'bodySize',
    })
    // It stops at the chunk that crosses the limit and cancels the rest.
    expect(stats.pulls).toBe(2)
    expect(stats.cancelled).toMatchObject({ status: 413 })
  })

  it('counts a framed body that has no Content-Length (chunked transfer coding)', async () => {
    const { request } = requestOf([utf8('123456'), utf8('789012')])
    expect(await failureOf(readBody(request, LIMIT, { framed: true }))).toMatchObject({
      status: 413,
      limit: 'bodySize',
    })
  })

  it('still refuses more than the limit from a server that broke its framing', async () => {
    const { request } = requestOf([utf8('123456789012')], { 'content-length': '3' })
    expect(await failureOf(readBody(request, LIMIT, { framed: true }))).toMatchObject({
      status: 413,
      limit: 'bodySize',
    })
  })

  it('reads an absent body as empty on both paths', async () => {
    const request = postOf(null, undefined)
    expect(await readBody(request, LIMIT, { framed: false })).toEqual(new Uint8Array(0))
    const framed = postOf(null, undefined, { 'content-length': '0' })
    expect(await readBody(framed, LIMIT, { framed: true })).toEqual(new Uint8Array(0))
  })

  it('views, without copying, the Buffer some servers give for arrayBuffer()', async () => {
    // @whatwg-node/fetch (the Node adapter's Request) resolves arrayBuffer() to a Buffer that may
    // be a window on a larger allocation.
    const backing = utf8('..payload..')
    const request = {
      headers: new Headers({ 'content-length': '7' }),
      body: null,
      arrayBuffer: async () => Buffer.from(backing.buffer, 2, 7),
    } as unknown as Request
    const bytes = await readBody(request, LIMIT, { framed: true })
    expect(new TextDecoder().decode(bytes)).toBe('payload')
    expect(bytes.buffer).toBe(backing.buffer)
  })

  it('stops a counted read when the signal aborts', async () => {
    const controller = new AbortController()
    const reason = new Error('client left')
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(utf8('a'))
        controller.abort(reason)
      },
    })
    const request = postOf(stream, 'text/plain')
    await expect(readBody(request, LIMIT, { signal: controller.signal })).rejects.toBe(reason)
  })

  it('reads nothing and cancels the body when the signal was aborted before the read', async () => {
    const reason = new Error('client left')
    const { request, stats } = requestOf([utf8('hello')])
    const read = readBody(request, LIMIT, { signal: AbortSignal.abort(reason) })
    await expect(read).rejects.toBe(reason)
    expect(stats.pulls).toBe(0)
    expect(stats.cancelled).toBe(reason)
  })

  it('fails, rather than handing over the bytes so far, when the signal aborts during a read', async () => {
    const controller = new AbortController()
    const reason = new Error('client left')
    let pulls = 0
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (++pulls === 1) return c.enqueue(utf8('half'))
          // The client goes away while the next chunk is awaited.
          controller.abort(reason)
          return new Promise(() => {})
        },
      },
      { highWaterMark: 0 },
    )
    const request = postOf(stream, 'application/octet-stream')
    await expect(readBody(request, LIMIT, { signal: controller.signal })).rejects.toBe(reason)
  })
})

describe('a body that breaks off', () => {
  const lost = new Error('connection reset')
  const broke = { status: 400, fields: { defect: 'truncated' }, cause: lost }

  it('is a 400 truncated naming the cause, counted or framed', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(utf8('half'))
        c.error(lost)
      },
    })
    await expect(readBody(postOf(stream, 'text/plain'), LIMIT)).rejects.toMatchObject(broke)
    const framed = {
      headers: new Headers({ 'content-length': '8' }),
      body: null,
      arrayBuffer: () => Promise.reject(lost),
    } as unknown as Request
    await expect(readBody(framed, LIMIT, { framed: true })).rejects.toMatchObject(broke)
  })

  it('stays the signal reason once the signal aborted (the client left)', async () => {
    const controller = new AbortController()
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        controller.abort(new Error('client left'))
        c.error(lost)
      },
    })
    const read = readBody(postOf(stream, 'text/plain'), LIMIT, { signal: controller.signal })
    await expect(read).rejects.toThrow('client left')
  })
})

describe('readFramed', () => {
  const keep = (bytes: unknown) => bytes

  it.each([
    ['a body no server framed', { 'content-length': '5' }, false],
    ['a framed body without Content-Length (chunked)', {}, true],
    ['a framed body declared over the limit', { 'content-length': '50' }, true],
  ])('leaves %s unread, for readBody to count', (_, headers, framed) => {
    const { request, stats } = requestOf([utf8('hello')], headers)
    expect(readFramed(request, LIMIT, { framed }, keep)).toBeUndefined()
    expect(request.bodyUsed).toBe(false)
    expect(stats.pulls).toBe(0)
  })

  it('hands the buffer of a framed body within the limit to its callback', async () => {
    const { request } = requestOf([utf8('hello')], { 'content-length': '5' })
    const text = await readFramed(request, LIMIT, { framed: true }, (b) =>
      new TextDecoder().decode(b),
    )
    expect(text).toBe('hello')
  })

  it('refuses more than the limit from a server that broke its framing, without the callback', async () => {
    const { request } = requestOf([utf8('123456789012')], { 'content-length': '3' })
    let called = false
    const read = readFramed(request, LIMIT, { framed: true }, () => {
      called = true
    })
    expect(await failureOf(read!)).toMatchObject({ status: 413, limit: 'bodySize' })
    expect(called).toBe(false)
  })
})

// A layer that reads `c.request`'s body leaves the spec a used one. The runtime's own error says
// "ReadableStream is locked" or "Body is unusable", naming neither the body nor the way out.
describe('a body read before the spec', () => {
  const used = async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'read twice' })
    await request.text()
    return request
  }
  const message =
    'the request body was read before the body spec: a layer that reads it must hand on a fresh Request with next({ request })'

  it.each(ways)('is a TypeError saying so from readBody, %s', async (_, framed) => {
    await expect(readBody(await used(), LIMIT, { framed })).rejects.toThrow(new TypeError(message))
  })

  it('is a TypeError saying so from parseMultipart', async () => {
    const request = await used()
    request.headers.set('content-type', 'multipart/form-data; boundary=X')
    expect(() => parseMultipart(request)).toThrow(new TypeError(message))
  })
})
