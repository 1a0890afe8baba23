import { describe, expect, it } from 'vitest'
import { needsHeadFraming } from './head-framing.js'

describe('needsHeadFraming', () => {
  it('is true for a bodiless answer of unknown length', () => {
    expect(needsHeadFraming(new Response(null, { status: 200 }))).toBe(true)
    expect(needsHeadFraming(new Response(null, { status: 404 }))).toBe(true)
  })

  it.each([
    ['a body', new Response('x')],
    ['a Content-Length', new Response(null, { headers: { 'content-length': '5' } })],
    ['a Transfer-Encoding', new Response(null, { headers: { 'transfer-encoding': 'chunked' } })],
    ['a 204', new Response(null, { status: 204 })],
    ['a 304', new Response(null, { status: 304 })],
  ])('is false for an answer with %s', (_what, response) => {
    expect(needsHeadFraming(response)).toBe(false)
  })
})
