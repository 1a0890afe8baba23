import { needsHeadFraming } from '@ferry/router/serve'

/**
 * `withHeadFraming(response)` is `response` as Deno.serve should frame it for a HEAD request: an
 * answer of unknown length (`needsHeadFraming`) gets an empty stream as its body, so Deno
 * announces no length, as for a streamed GET, and sends no body for a HEAD, where it would send
 * `Content-Length: 0`. Any other response is returned as it is.
 */
export function withHeadFraming(response: Response): Response {
  if (!needsHeadFraming(response)) return response
  const empty = new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
  return new Response(empty, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
