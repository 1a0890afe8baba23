/**
 * `needsHeadFraming(response)` is whether `response`, the answer to a HEAD request, has a null
 * body, no `Content-Length` and no `Transfer-Encoding`, and a status that has a body at all. The
 * router answers HEAD so when GET streams a length it cannot know (RFC 9110 §9.3.2, §8.6). Bun
 * and Deno send `Content-Length: 0` for a null body, which for a HEAD claims that GET sends an
 * empty body; their adapters give such an answer the framing of a streamed GET instead.
 */
export function needsHeadFraming(response: Response): boolean {
  const { status, headers } = response
  return (
    response.body === null &&
    status >= 200 &&
    status !== 204 &&
    status !== 304 &&
    !headers.has('content-length') &&
    !headers.has('transfer-encoding')
  )
}
