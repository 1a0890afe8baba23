import { describe, expect, it } from 'vitest'
import { expectHeadKept, unframedHeadAnswer } from '../../../../test-support/head-answer.js'
import { withHeadFraming } from './head-framing.js'

describe('withHeadFraming', () => {
  it('gives a HEAD answer with no length an empty stream, keeping status and headers', async () => {
    const framed = withHeadFraming(unframedHeadAnswer())
    expectHeadKept(framed)
    expect(framed.headers.get('content-length')).toBeNull()
    expect(framed.body).toBeInstanceOf(ReadableStream)
    expect(await framed.text()).toBe('')
  })

  // Which answers need framing is needsHeadFraming's (@ferry/router/serve), tested there.
  it('keeps an answer with a body (Deno frames and drops it itself)', () => {
    const answer = new Response('hello')
    expect(withHeadFraming(answer)).toBe(answer)
  })
})
