import { expect } from 'vitest'

/**
 * `unframedHeadAnswer()` is what the router hands an adapter for a HEAD whose GET streams a body
 * of unknown length: no body, no `Content-Length`, and headers an adapter must keep as they are
 * (a status text, repeated `Set-Cookie` lines) when it frames the answer for its runtime.
 */
export function unframedHeadAnswer(): Response {
  return new Response(null, {
    status: 200,
    statusText: 'Fine',
    headers: [
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ],
  })
}

/** Asserts that `framed` kept the status, status text and headers of `unframedHeadAnswer()`. */
export function expectHeadKept(framed: Response): void {
  expect(framed.status).toBe(200)
  expect(framed.statusText).toBe('Fine')
  expect(framed.headers.get('content-type')).toBe('text/plain')
  expect(framed.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
}
