import type { BaseContext } from '@ferry/router'

/**
 * `replaceBody(c, response, body)` is a response with `response`'s status, status text and headers
 * and `body` instead of its own. When `response` has a `Content-Encoding`, `response` itself is
 * the init: Cloudflare Workers keep `encodeBody: 'manual'` (set by `compress()`, or by a handler
 * sending stored gzip bytes) as hidden state that only a Response given as the init carries over,
 * and with a plain `{ status, headers }` init workerd would compress the encoded body again.
 * Otherwise the app's own Response class builds it (`c.respond`).
 */
export function replaceBody(
  c: BaseContext,
  response: Response,
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null,
): Response {
  if (response.headers.has('content-encoding')) return new Response(body, response)
  return c.respond(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
