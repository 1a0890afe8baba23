import { getEventListeners } from 'node:events'
import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { answer, quietBody, run } from '../../test/harness'
import { compress } from './compress'

const big = 'hello compression '.repeat(200)
const text = (body: string, headers: Record<string, string> = {}) =>
  answer(body, { headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })
const gunzip = (res: Response, format: 'gzip' | 'deflate' = 'gzip') =>
  new Response(res.body!.pipeThrough(new DecompressionStream(format))).text()

describe('compress()', () => {
  it('gzips a text body and can be read back', async () => {
    const res = await run(
      [compress()],
      text(big, { etag: '"v1"', 'content-length': String(big.length) }),
      '/',
      {
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      },
    )
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('content-length')).toBeNull()
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(res.headers.get('etag')).toBe('W/"v1"')
    expect(await gunzip(res)).toBe(big)
  })

  it('uses deflate when the client prefers it', async () => {
    const res = await run([compress()], text(big), '/', {
      headers: { 'accept-encoding': 'gzip;q=0.5, deflate' },
    })
    expect(res.headers.get('content-encoding')).toBe('deflate')
    expect(await gunzip(res, 'deflate')).toBe(big)
  })

  it.each([
    ['no Accept-Encoding', {}, text(big)],
    ['gzip;q=0', { 'accept-encoding': 'gzip;q=0' }, text(big)],
    ['only unknown codings', { 'accept-encoding': 'br, zstd' }, text(big)],
    ['a small body', { 'accept-encoding': 'gzip' }, text('tiny', { 'content-length': '4' })],
    [
      'an image',
      { 'accept-encoding': 'gzip' },
      answer(big, { headers: { 'content-type': 'image/png' } }),
    ],
    [
      'no-transform',
      { 'accept-encoding': 'gzip' },
      text(big, { 'cache-control': 'public, no-transform' }),
    ],
    ['an encoded body', { 'accept-encoding': 'gzip' }, text(big, { 'content-encoding': 'br' })],
    [
      'a 206',
      { 'accept-encoding': 'gzip' },
      answer(big, {
        status: 206,
        headers: { 'content-type': 'text/plain', 'content-range': 'bytes 0-9/99' },
      }),
    ],
    [
      'server-sent events',
      { 'accept-encoding': 'gzip' },
      answer(big, { headers: { 'content-type': 'text/event-stream' } }),
    ],
  ])('leaves the body alone with %s', async (_n, headers, handler) => {
    const res = await run([compress()], handler, '/', { headers })
    expect(res.headers.get('content-encoding') ?? 'none').not.toMatch(/gzip|deflate/)
    expect((await res.text()).length).toBe(big.length > 4 && _n !== 'a small body' ? big.length : 4)
  })

  it('sends a small body without a Content-Length as it is', async () => {
    // What c.json() and new Response(string) give: no Content-Length until the server writes it.
    const json = JSON.stringify({ ok: true })
    const res = await run(
      [compress()],
      answer(json, { headers: { 'content-type': 'application/json' } }),
      '/',
      { headers: { 'accept-encoding': 'gzip' } },
    )
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(await res.text()).toBe(json)
  })

  it('measures a streamed body against the threshold without losing a byte', async () => {
    const chunks = ['a'.repeat(600), 'b'.repeat(600), 'c'.repeat(600)]
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
          controller.close()
        },
      })
    const over = await run(
      [compress()],
      answer(stream(), { headers: { 'content-type': 'text/plain' } }),
      '/',
      {
        headers: { 'accept-encoding': 'gzip' },
      },
    )
    expect(over.headers.get('content-encoding')).toBe('gzip')
    expect(await gunzip(over)).toBe(chunks.join(''))
    const under = await run(
      [compress({ threshold: 2000 })],
      answer(stream(), { headers: { 'content-type': 'text/plain' } }),
      '/',
      { headers: { 'accept-encoding': 'gzip' } },
    )
    expect(under.headers.get('content-encoding')).toBeNull()
    expect(await under.text()).toBe(chunks.join(''))
  })

  it.each([
    ['a quiet stream', '{"first":1}'],
    // An upstream that has not sent its first byte yet when the client leaves.
    ['a stream silent from the start', ''],
  ])('stops waiting for %s once the client has gone', async (_name, first) => {
    const quiet = quietBody(first)
    const client = new AbortController()
    const request = new Request('http://app.test/', {
      headers: { 'accept-encoding': 'gzip' },
      signal: client.signal,
    })
    const pending = run(
      [compress()],
      // A compressible type (NDJSON itself is sent as it is): the threshold probe reads it.
      answer(quiet.body, { headers: { 'content-type': 'text/plain' } }),
      request,
    )
    client.abort()
    await pending
    expect(quiet.cancelled()).toBe(true)
  })

  it.each([
    ['a body under the threshold', 'small'],
    ['a body over it', big],
  ])('leaves no listener on the request signal after measuring %s', async (_n, body) => {
    const client = new AbortController()
    const request = new Request('http://app.test/', {
      headers: { 'accept-encoding': 'gzip' },
      signal: client.signal,
    })
    const res = await run([compress()], text(body), request)
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0)
    await res.arrayBuffer()
  })

  it('compresses even a small body when identity is refused', async () => {
    const res = await run([compress()], text('tiny', { 'content-length': '4' }), '/', {
      headers: { 'accept-encoding': 'gzip, identity;q=0' },
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(await gunzip(res)).toBe('tiny')
  })

  it('gives a HEAD the headers of its GET, and sends a 304 as it is', async () => {
    const head = await run([compress()], text(big), '/', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(head.headers.get('content-encoding')).toBe('gzip')
    expect(head.headers.get('content-length')).toBeNull()
    await head.body?.cancel()
    const notModified = await run([compress()], answer(null, { status: 304 }), '/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(notModified.headers.get('content-encoding')).toBeNull()
  })

  it.each([
    // A 304 carries no Content-Type (RFC 9110 §15.4.5), so its 200 may have been compressible.
    ['without a Content-Type', {}, 'Accept-Encoding'],
    ['of a compressible type', { 'content-type': 'text/css' }, 'Accept-Encoding'],
    ['of a type never compressed', { 'content-type': 'image/png' }, null],
    ['with a Vary of its own', { vary: 'Cookie' }, 'Cookie, Accept-Encoding'],
  ])('gives a 304 %s the Vary its 200 would have', async (_n, headers, vary) => {
    const res = await run([compress()], answer(null, { status: 304, headers }), '/', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': '"a"' },
    })
    expect(res.status).toBe(304)
    expect(res.headers.get('vary')).toBe(vary)
  })

  it('streams: the compressed response arrives before an endless body ends', async () => {
    let pulls = 0
    let cancelled = false
    // Random bytes do not compress, so the compressor's output pressure reaches the source.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(crypto.getRandomValues(new Uint8Array(16 * 1024)))
      },
      cancel() {
        cancelled = true
      },
    })
    const res = await run(
      [compress()],
      answer(endless, { headers: { 'content-type': 'text/plain' } }),
      '/',
      {
        headers: { 'accept-encoding': 'gzip' },
      },
    )
    // Read the compressed bytes directly: a DecompressionStream pipe would itself read far ahead.
    const reader = res.body!.getReader()
    let got = 0
    while (got < 256 * 1024) {
      const { value } = await reader.read()
      got += value!.byteLength
    }
    await reader.cancel()
    expect(got).toBeGreaterThanOrEqual(256 * 1024)
    // Reading was driven by the consumer: a bounded number of chunks, then cancel reached the source.
    expect(pulls).toBeLessThan(200)
    expect(cancelled).toBe(true)
  })

  it.each([
    'application/x-ndjson',
    'application/jsonl',
    'application/json-seq',
    'text/event-stream; charset=utf-8',
  ])('delivers each line of a streamed %s before the app writes the next', async (type) => {
    // The app writes its second line only once the test has read the first: if compress() held
    // the first back (for its threshold, or in the compressor), the test would wait for ever.
    let second!: () => void
    const written = new Promise<void>((resolve) => {
      second = resolve
    })
    const encoder = new TextEncoder()
    const lines = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('{"n":1}\n'))
        await written
        controller.enqueue(encoder.encode('{"n":2}\n'))
        controller.close()
      },
    })
    const app = createRouter()
      .use(compress({ threshold: 0 }))
      .route(kind('GET /feed'), (c) => c.respond(lines, { headers: { 'content-type': type } }))
    const res = await app.request('/feed', { headers: { 'accept-encoding': 'gzip, deflate' } })
    const coding = res.headers.get('content-encoding')
    const body =
      coding === 'gzip' || coding === 'deflate'
        ? res.body!.pipeThrough(new DecompressionStream(coding))
        : res.body!
    const reader = body.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while (!text.includes('\n')) text += (await reader.read()).value
    expect(text).toBe('{"n":1}\n')
    second()
    while (!text.endsWith('{"n":2}\n')) text += (await reader.read()).value
    expect(text).toBe('{"n":1}\n{"n":2}\n')
  })

  it('refuses unknown encodings in its options', () => {
    expect(() => compress({ encodings: ['br' as 'gzip'] })).toThrow(TypeError)
  })
})
