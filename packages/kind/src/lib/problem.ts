/**
 * `badRequest(detail, extra)` is a 400 `application/problem+json` response (RFC 9457) for a
 * request URL that a kind recognised but cannot accept, with `step: "query"`: the dispatch step
 * at which the router ranks a kind's rejection (DESIGN §3), as it names its own query 400s.
 */
export function badRequest(detail: string, extra: Record<string, unknown> = {}): Response {
  const body = {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail,
    ...extra,
    step: 'query',
  }
  return new Response(JSON.stringify(body), {
    status: 400,
    headers: { 'content-type': 'application/problem+json' },
  })
}
