// RFC 3986 §3.2.2 host (an IP literal in brackets, or a name or IPv4 address of unreserved
// characters) and an optional port. Anything else (`/`, `?`, `#`, `@`, spaces) in a `Host` header
// moves the path or the origin once a server puts the URL together as `scheme://` + Host + target:
// the router would route one path while `new URL(request.url)` names another.
const HOST = '(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~-]+)(?::\\d{1,5})?'
const HOST_ONLY = new RegExp(`^${HOST}$`)
const URL_START = new RegExp(`^https?://${HOST}/`)
const DEFECT = 'the Host header or the request target names no valid URL'

/** Whether `host` (a `Host` header or a URL's authority) is a valid host with an optional port. */
export function isValidHost(host: string): boolean {
  return HOST_ONLY.test(host)
}

/**
 * `requestUrlDefect(url)` names what is wrong with the URL a server built for a request, or is
 * `undefined` when it is `http(s)://` + a valid host + a path. Servers build it from the client's
 * `Host` header (Deno puts any header value in; Bun falls back to a bare path), so adapters check
 * it before the app runs and answer `badRequest(defect)`.
 */
export function requestUrlDefect(url: string): string | undefined {
  return URL_START.test(url) ? undefined : DEFECT
}

/**
 * `requestDefect(request)` names what is wrong with a request's `Host` header or the URL the
 * server built from it, or is `undefined`. The header is checked itself because some values build
 * a URL that looks sound but names another path: Deno and workerd turn `Host: a/b` with target
 * `/x` into `http://a/b/x`.
 */
export function requestDefect(request: Request): string | undefined {
  const host = request.headers.get('host')
  return host !== null && !HOST_ONLY.test(host) ? DEFECT : requestUrlDefect(request.url)
}

/** `badRequest(detail)` is a 400 answer with an RFC 9457 problem, closing the connection. */
export function badRequest(detail: string): Response {
  const body = JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail })
  return new Response(body, {
    status: 400,
    // Node writes the status line from `statusText`, which is empty unless set.
    statusText: 'Bad Request',
    headers: { 'content-type': 'application/problem+json', connection: 'close' },
  })
}
