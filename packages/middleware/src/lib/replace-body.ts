import type { BaseContext } from '@ferry/router'

/**
 * `replaceBody(c, response, body)` is a response with `response`'s status, status text and headers
 * and `body` instead of its own, built by the app's Response class (`c.respond`). `response`
 * itself is the init, so Cloudflare Workers keep `encodeBody: 'manual'` (set by `compress()`, or
 * by a handler sending stored gzip bytes): it is hidden state that only a Response given as the
 * init carries over, and with a plain `{ status, headers }` init workerd would compress the
 * encoded body again.
 */
export function replaceBody(
  c: BaseContext,
  response: Response,
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null,
): Response {
  return c.respond(body, response)
}
