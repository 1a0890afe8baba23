import { describe, expect, it } from 'vitest'
import { expectHeadKept, unframedHeadAnswer } from '../../../../test-support/head-answer.js'
import { withHeadFraming } from './head-framing.js'

describe('withHeadFraming', () => {
  it('announces chunked framing for a HEAD answer with no length, keeping status and headers', () => {
    const framed = withHeadFraming(unframedHeadAnswer())
    expectHeadKept(framed)
    expect(framed.headers.get('transfer-encoding')).toBe('chunked')
    expect(framed.body).toBeNull()
  })

  // Which answers need framing is needsHeadFraming's (@ferry/router/serve), tested there.
  it('keeps an answer with a body (Bun frames and drops it itself)', () => {
    const answer = new Response('hello')
    expect(withHeadFraming(answer)).toBe(answer)
  })
})
