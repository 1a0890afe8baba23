/**
 * `badRequest(detail)` is a 400 `application/problem+json` response (RFC 9457) for a request URL
 * that a kind recognised but cannot accept.
 */
export function badRequest(detail: string, extra: Record<string, unknown> = {}): Response {
  const body = { type: 'about:blank', title: 'Bad Request', status: 400, detail, ...extra }
  return new Response(JSON.stringify(body), {
    status: 400,
    headers: { 'content-type': 'application/problem+json' },
  })
}
