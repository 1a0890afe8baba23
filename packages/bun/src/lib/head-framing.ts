/**
 * `withHeadFraming(response)` is `response` as Bun.serve should frame it for a HEAD request.
 * Bun sends `Content-Length: 0` for a null body, which for a HEAD claims that GET sends an empty
 * body; the router answers HEAD with a null body and no `Content-Length` when GET streams a
 * length it cannot know (RFC 9110 §9.3.2, §8.6). `Transfer-Encoding: chunked` is what Bun then
 * sends instead (RFC 9112 §6.1 allows it in a HEAD answer), as it does for a streamed GET. Any
 * other response is returned as it is.
 */
export function withHeadFraming(response: Response): Response {
  const { status } = response
  if (
    response.body !== null ||
    status < 200 ||
    status === 204 ||
    status === 304 ||
    response.headers.has('content-length') ||
    response.headers.has('transfer-encoding')
  ) {
    return response
  }
  const headers = new Headers(response.headers)
  headers.set('transfer-encoding', 'chunked')
  return new Response(null, { status, statusText: response.statusText, headers })
}
