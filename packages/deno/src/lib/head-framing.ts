/**
 * `withHeadFraming(response)` is `response` as Deno.serve should frame it for a HEAD request.
 * Deno sends `Content-Length: 0` for a null body, which for a HEAD claims that GET sends an empty
 * body; the router answers HEAD with a null body and no `Content-Length` when GET streams a
 * length it cannot know (RFC 9110 §9.3.2, §8.6). Given an (empty) stream instead, Deno announces
 * no length, as for a streamed GET, and sends no body for a HEAD. Any other response is returned
 * as it is.
 */
export function withHeadFraming(response: Response): Response {
  const { status } = response
  if (
    response.body !== null ||
    status < 200 ||
    status === 204 ||
    status === 304 ||
    response.headers.has('content-length')
  ) {
    return response
  }
  const empty = new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
  return new Response(empty, {
    status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
