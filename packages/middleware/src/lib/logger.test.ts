import { HttpError } from '@ferry/router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WorkersResponse, answer, run } from '../../test/harness'
import { compress } from './compress'
import { type LogEntry, logger } from './logger'
import { requestId } from './request-id'

const capture = () => {
  const entries: LogEntry[] = []
  let t = 0
  return { entries, layer: logger({ write: (e) => entries.push(e), now: () => (t += 5) }) }
}

describe('logger()', () => {
  it('writes one entry when the body has been sent, with the bytes counted', async () => {
    const { entries, layer } = capture()
    const res = await run(
      [requestId({ generate: () => 'req-1' }), layer],
      answer('12345'),
      '/a/b?token=secret',
      {
        method: 'POST',
      },
    )
    expect(entries).toHaveLength(0)
    expect(await res.text()).toBe('12345')
    expect(entries).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/a/b',
        status: 200,
        bytes: 5,
        requestId: 'req-1',
        duration: 5,
      }),
    ])
    expect(JSON.stringify(entries)).not.toContain('secret')
  })

  it('logs a body-less response at once', async () => {
    const { entries, layer } = capture()
    await run([layer], answer(null, { status: 204 }), '/')
    expect(entries).toEqual([expect.objectContaining({ status: 204, bytes: 0 })])
  })

  it('logs a thrown HttpError with its status and rethrows it', async () => {
    const { entries, layer } = capture()
    const res = await run(
      [layer],
      () => {
        throw new HttpError(418)
      },
      '/',
    )
    expect(res.status).toBe(418)
    expect(entries).toEqual([expect.objectContaining({ status: 418 })])
  })

  it('marks a body the client abandoned', async () => {
    const { entries, layer } = capture()
    const endless = new ReadableStream({
      pull(c) {
        c.enqueue(new Uint8Array(10))
      },
    })
    const res = await run([layer], answer(endless), '/')
    const reader = res.body!.getReader()
    await reader.read()
    await reader.cancel()
    expect(entries).toEqual([expect.objectContaining({ aborted: true, bytes: 10 })])
  })

  it('survives a log sink that throws', async () => {
    const layer = logger({
      write: () => {
        throw new Error('disk full')
      },
    })
    const res = await run([layer], answer('ok'), '/')
    expect(await res.text()).toBe('ok')
  })

  describe('on Cloudflare Workers', () => {
    afterEach(() => {
      vi.unstubAllGlobals()
    })

    it('keeps an encoded body from being compressed a second time', async () => {
      vi.stubGlobal('Response', WorkersResponse)
      // The README's order: logger() outside compress().
      const res = await run(
        [logger({ write: () => {} }), compress()],
        answer('x'.repeat(5000), { headers: { 'content-type': 'text/plain' } }),
        '/',
        { headers: { 'accept-encoding': 'gzip' } },
      )
      expect(res.headers.get('content-encoding')).toBe('gzip')
      expect((res as WorkersResponse).encoding).toBe('manual')
      const text = await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).text()
      expect(text).toBe('x'.repeat(5000))
    })
  })
})
