import { needsHeadFraming } from '@ferry/router/serve'

/**
 * `withHeadFraming(response)` is `response` as Bun.serve should frame it for a HEAD request: an
 * answer of unknown length (`needsHeadFraming`) announces `Transfer-Encoding: chunked`, as Bun
 * does for a streamed GET (RFC 9112 §6.1 allows it in a HEAD answer), where Bun would send
 * `Content-Length: 0`. Any other response is returned as it is.
 */
export function withHeadFraming(response: Response): Response {
  if (!needsHeadFraming(response)) return response
  const headers = new Headers(response.headers)
  headers.set('transfer-encoding', 'chunked')
  return new Response(null, { status: response.status, statusText: response.statusText, headers })
}
