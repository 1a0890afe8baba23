import { describe, expect, it } from 'vitest'
import { withHeadFraming } from './head-framing.js'

describe('withHeadFraming', () => {
  it('announces chunked framing for a HEAD answer with no length, keeping status and headers', () => {
    const answer = new Response(null, {
      status: 200,
      statusText: 'Fine',
      headers: [
        ['content-type', 'text/plain'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
    })
    const framed = withHeadFraming(answer)
    expect(framed.status).toBe(200)
    expect(framed.statusText).toBe('Fine')
    expect(framed.headers.get('transfer-encoding')).toBe('chunked')
    expect(framed.headers.get('content-type')).toBe('text/plain')
    expect(framed.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(framed.body).toBeNull()
  })

  // Which answers need framing is needsHeadFraming's (@ferry/router/serve), tested there.
  it('keeps an answer with a body (Bun frames and drops it itself)', () => {
    const answer = new Response('hello')
    expect(withHeadFraming(answer)).toBe(answer)
  })
})
