import { afterEach, describe, expect, it, vi } from 'vitest'
import { WorkersResponse, answer, quietBody, run } from '../../test/harness'
import { checkPreconditions, etag } from './etag'
import { formatHttpDate } from './http-date'

const page = () =>
  answer('hello etag', { headers: { 'content-type': 'text/plain', 'cache-control': 'max-age=60' } })

describe('etag()', () => {
  it('adds a strong ETag from the body and answers a match with 304', async () => {
    const first = await run([etag()], page(), '/')
    const tag = first.headers.get('etag')!
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{22}"$/)
    expect(await first.text()).toBe('hello etag')
    const again = await run([etag()], page(), '/', { headers: { 'if-none-match': tag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(tag)
    expect(again.headers.get('cache-control')).toBe('max-age=60')
    expect(again.headers.get('content-type')).toBeNull()
    expect(await again.text()).toBe('')
  })

  it('makes weak tags when asked and matches them weakly', async () => {
    const first = await run([etag({ weak: true })], page(), '/')
    expect(first.headers.get('etag')).toMatch(/^W\//)
    const again = await run([etag({ weak: true })], page(), '/', {
      headers: { 'if-none-match': first.headers.get('etag')!.slice(2) },
    })
    expect(again.status).toBe(304)
  })

  it('keeps an ETag the handler set, without reading the body', async () => {
    const res = await run([etag()], answer('x', { headers: { etag: '"v7"' } }), '/', {
      headers: { 'if-none-match': '"v7"' },
    })
    expect(res.status).toBe(304)
  })

  it('lets If-None-Match win over a conflicting If-Modified-Since', async () => {
    const lm = formatHttpDate(Date.UTC(2026, 0, 1))
    const handler = () => answer('body', { headers: { etag: '"new"', 'last-modified': lm } })
    const stale = await run([etag()], handler(), '/', {
      headers: { 'if-none-match': '"old"', 'if-modified-since': lm },
    })
    expect(stale.status).toBe(200)
    const fresh = await run([etag()], handler(), '/', {
      headers: { 'if-none-match': '"new"', 'if-modified-since': formatHttpDate(0) },
    })
    expect(fresh.status).toBe(304)
  })

  it('keeps the cookies an inner layer set on the 304 it answers', async () => {
    // A session refreshed on this GET must not be lost because the page itself is unchanged.
    const setsCookie = () =>
      new Response('page', {
        headers: [
          ['content-type', 'text/plain'],
          ['set-cookie', 'sid=new; Path=/; Secure; HttpOnly'],
          ['set-cookie', 'seen=1; Path=/'],
        ],
      })
    const first = await run([etag()], setsCookie, '/')
    const again = await run([etag()], setsCookie, '/', {
      headers: { 'if-none-match': first.headers.get('etag')! },
    })
    expect(again.status).toBe(304)
    expect(again.headers.getSetCookie()).toEqual([
      'sid=new; Path=/; Secure; HttpOnly',
      'seen=1; Path=/',
    ])
  })

  it('answers 304 from If-Modified-Since alone', async () => {
    const lm = formatHttpDate(Date.UTC(2026, 0, 1))
    const res = await run([etag()], answer('b', { headers: { 'last-modified': lm } }), '/', {
      headers: { 'if-modified-since': lm },
    })
    expect(res.status).toBe(304)
  })

  it('answers a failed If-Match with 412 problem+json', async () => {
    const res = await run([etag()], page(), '/', { headers: { 'if-match': '"nope"' } })
    expect(res.status).toBe(412)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it.each([
    ['a POST', { method: 'POST' }, answer('x')],
    ['a 404', {}, answer('x', { status: 404 })],
    ['a 206', {}, answer('x', { status: 206 })],
  ])('leaves %s alone', async (_n, opts, handler) => {
    const res = await run([etag()], handler, '/', { ...opts, headers: { 'if-none-match': '*' } })
    expect(res.status).not.toBe(304)
    expect(res.headers.get('etag')).toBeNull()
  })

  it('streams a body over maxSize on without an ETag and without losing bytes', async () => {
    const big = 'y'.repeat(5000)
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 5; i++)
          c.enqueue(new TextEncoder().encode(big.slice(i * 1000, (i + 1) * 1000)))
        c.close()
      },
    })
    const res = await run([etag({ maxSize: 1500 })], answer(chunks), '/')
    expect(res.headers.get('etag')).toBeNull()
    expect(await res.text()).toBe(big)
  })
})

describe('etag() on bodies it does not hash', () => {
  const modified = formatHttpDate(Date.UTC(2026, 0, 1))
  const big = (headers: Record<string, string>) =>
    answer('z'.repeat(5000), { headers: { 'last-modified': modified, ...headers } })

  it.each([
    ['a body over maxSize', {}],
    ['a no-store body', { 'cache-control': 'no-store' }],
  ])('still answers If-Modified-Since from Last-Modified for %s', async (_n, headers) => {
    const res = await run([etag({ maxSize: 1000 })], big(headers), '/', {
      headers: { 'if-modified-since': modified },
    })
    expect(res.status).toBe(304)
    expect(res.headers.get('last-modified')).toBe(modified)
  })

  it('still refuses a failed If-Unmodified-Since for a streamed body over maxSize', async () => {
    const res = await run([etag({ maxSize: 1000 })], big({}), '/', {
      headers: { 'if-unmodified-since': formatHttpDate(Date.UTC(2025, 0, 1)) },
    })
    expect(res.status).toBe(412)
  })

  // RFC 9110 §13.1.1-2: `*` asks whether the target has a current representation, and a 2xx
  // GET answer is one, tag or no tag.
  it.each([
    ['If-Match: * proceeds', { 'if-match': '*' }, 200],
    ['If-None-Match: * is not modified', { 'if-none-match': '*' }, 304],
  ])('%s for an untagged body without Last-Modified', async (_n, headers, status) => {
    const res = await run([etag({ maxSize: 1000 })], answer('z'.repeat(5000)), '/', { headers })
    expect(res.status).toBe(status)
  })
})

describe('checkPreconditions', () => {
  it('throws 412 for a lost update and passes a current one', () => {
    const put = (tag: string) =>
      new Request('http://x/', { method: 'PUT', headers: { 'if-match': tag } })
    expect(() => checkPreconditions(put('"v1"'), { etag: '"v2"' })).toThrow(
      expect.objectContaining({ status: 412 }),
    )
    expect(checkPreconditions(put('"v2"'), { etag: '"v2"' })).toBe('proceed')
  })
})

describe('etag() and streams', () => {
  it.each([
    ['an event stream', { 'content-type': 'text/event-stream' }],
    ['a no-store response', { 'content-type': 'text/plain', 'cache-control': 'no-store' }],
  ])('does not wait for the end of %s', async (_n, headers) => {
    // A body that never ends: if etag() tried to hash it, the response would never arrive.
    const endless = new ReadableStream({
      pull(c) {
        c.enqueue(new TextEncoder().encode('data: x\n\n'))
      },
    })
    const res = await run([etag()], answer(endless, { headers }), '/')
    expect(res.headers.get('etag')).toBeNull()
    const reader = res.body!.getReader()
    expect((await reader.read()).done).toBe(false)
    await reader.cancel()
  })

  it.each([
    'text/event-stream',
    'application/x-ndjson',
    'application/jsonl',
    'application/json-seq',
  ])('hands on the first record of a %s before the app writes the next', async (type) => {
    // The second record is written only once the test has read the first: hashing, which waits
    // for the end (or maxSize), would keep the test waiting for ever.
    let second!: () => void
    const written = new Promise<void>((resolve) => {
      second = resolve
    })
    const encoder = new TextEncoder()
    const records = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('{"n":1}\n'))
        await written
        controller.enqueue(encoder.encode('{"n":2}\n'))
        controller.close()
      },
    })
    const res = await run([etag()], answer(records, { headers: { 'content-type': type } }), '/')
    expect(res.headers.get('etag')).toBeNull()
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    expect((await reader.read()).value).toBe('{"n":1}\n')
    second()
    expect((await reader.read()).value).toBe('{"n":2}\n')
  })
})

describe('etag() and a client that goes away', () => {
  it.each([
    ['a quiet body', 'partial'],
    ['a body silent from the start', ''],
  ])('stops waiting for %s and cancels it', async (_name, first) => {
    const quiet = quietBody(first)
    const client = new AbortController()
    const pending = run(
      [etag()],
      answer(quiet.body, { headers: { 'content-type': 'text/plain' } }),
      new Request('http://app.test/', { signal: client.signal }),
    )
    client.abort()
    await pending
    expect(quiet.cancelled()).toBe(true)
  })
})

describe('etag() on Cloudflare Workers', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('keeps a stored gzip body from being compressed a second time', async () => {
    vi.stubGlobal('Response', WorkersResponse)
    const gzipped = await new Response(
      new Blob(['stored page']).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer()
    // A handler serving bytes that are already gzip, as Workers want it told.
    const handler = () =>
      new Response(gzipped, {
        headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
        encodeBody: 'manual',
      } as ResponseInit)
    const res = await run([etag()], handler, '/')
    expect(res.headers.get('etag')).toMatch(/^"/)
    expect((res as WorkersResponse).encoding).toBe('manual')
  })
})
