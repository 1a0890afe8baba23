import { createRouter, problem } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { takeFallThrough } from './fall-through.js'

const problemType = { 'content-type': 'application/problem+json' }

describe('takeFallThrough', () => {
  it("recognises the router's own 404", async () => {
    expect(await takeFallThrough(await createRouter().request('/nothing'))).toBeUndefined()
  })

  it.each([
    ['a 404 from another step', () => problem(Response, 404, { detail: 'gone' }, 'handler')],
    ['a plain-text 404', () => new Response('not here', { status: 404 })],
    ['a 405 problem', () => problem(Response, 405, {}, 'method')],
    ['a 200 JSON body', () => Response.json({ step: 'path', status: 404, type: 'about:blank' })],
    [
      'an encoded problem',
      () =>
        new Response('{}', {
          status: 404,
          headers: { ...problemType, 'content-encoding': 'gzip' },
        }),
    ],
    ['a problem that is not JSON', () => new Response('{', { status: 404, headers: problemType })],
  ])('sends %s on, body intact', async (_name, make) => {
    const original = make()
    const expected = await make().text()
    const res = await takeFallThrough(original)
    expect(res?.status).toBe(original.status)
    expect(res?.headers.get('content-type')).toBe(original.headers.get('content-type'))
    expect(await res?.text()).toBe(expected)
  })

  it('reads no more than a small prefix of a long 404 problem body', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(1000).fill(0x20))
      },
    })
    const res = await takeFallThrough(new Response(body, { status: 404, headers: problemType }))
    expect(pulled).toBeLessThan(10)
    const reader = res!.body!.getReader()
    let got = 0
    while (got < 10_000) got += (await reader.read()).value!.byteLength
    await reader.cancel()
    expect(got).toBeGreaterThanOrEqual(10_000)
  })
})
