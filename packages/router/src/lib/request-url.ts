// RFC 3986 §3.2.2 host (an IP literal in brackets, or a name or IPv4 address of unreserved
// characters) and an optional port. Anything else (`/`, `?`, `#`, `@`, spaces) in a `Host` header
// moves the path or the origin once a server puts the URL together as `scheme://` + Host + target:
// the router would route one path while `new URL(request.url)` names another. The port may be
// empty (RFC 3986 §3.2.3: `port = *DIGIT`).
const HOST_ONLY = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{0,5})?$/
// Hosts of those characters that a URL may still refuse (WHATWG URL host parsing): an IPv6
// literal, a five-digit port (over 65535?), a last label that starts with a digit (parsed as an
// IPv4 address: `999.1.1.1`, `example.1`) and IDNA A-labels (`xn--` must be valid Punycode).
const MAY_FAIL = /^\[|:\d{5}$|(?:^|\.)\d[^.:]*\.?(?::\d*)?$|xn--/i
const DEFECT = 'the Host header or the request target names no valid URL'

// The last valid host: requests in a row mostly carry the same one, which then costs no regex.
let valid: string | undefined

/**
 * Whether `host` (a `Host` header or a URL's authority) is a valid host with an optional port,
 * one that a URL can hold: servers build `request.url` from it, and an app's
 * `new URL(c.request.url)` would otherwise throw (a 500 for the client's error).
 */
export function isValidHost(host: string): boolean {
  if (host === valid) return true
  if (!HOST_ONLY.test(host)) return false
  if (MAY_FAIL.test(host)) {
    try {
      new URL(`http://${host}/`)
    } catch {
      return false
    }
  }
  valid = host
  return true
}

/**
 * `requestUrlDefect(url)` names what is wrong with the URL a server built for a request, or is
 * `undefined` when it is `http(s)://` + a valid host + a path. Servers build it from the client's
 * `Host` header (Deno puts any header value in; Bun falls back to a bare path), so adapters check
 * it before the app runs and answer `badRequest(defect)`.
 */
export function requestUrlDefect(url: string): string | undefined {
  const scheme = url.startsWith('http://') ? 7 : url.startsWith('https://') ? 8 : -1
  const end = scheme === -1 ? -1 : url.indexOf('/', scheme)
  return end !== -1 && isValidHost(url.slice(scheme, end)) ? undefined : DEFECT
}

/**
 * `requestDefect(request)` names what is wrong with a request's `Host` header or the URL the
 * server built from it, or is `undefined`. The header is checked itself because some values build
 * a URL that looks sound but names another path: Deno and workerd turn `Host: a/b` with target
 * `/x` into `http://a/b/x`.
 */
export function requestDefect(request: Request): string | undefined {
  const host = request.headers.get('host')
  return host !== null && !isValidHost(host) ? DEFECT : requestUrlDefect(request.url)
}

// A target that WHATWG URL parsing would change the path of: a dot segment (`.`, `..`, either
// spelled with `%2e`) or a backslash, which special schemes read as `/`. Bun, workerd and
// `new Request` resolve them (RFC 3986 §5.2.4); Node's and Deno's servers pass the target on as
// sent. May match more (`/.well-known`): the parse then finds nothing to change.
const MAY_RESOLVE = /\\|\/(?:\.|%2e)/i

/**
 * `resolveTarget(target)` is the URL `target` (a path, or an absolute URL) names once its dot
 * segments and backslashes are resolved as WHATWG URL parsing does, or `undefined` when it has
 * nothing to resolve. Adapters whose server passes targets on as sent use it, so that
 * `/a/../b` routes as `/b` on every runtime and no route ever sees a `..` segment.
 */
export function resolveTarget(target: string): URL | undefined {
  if (!MAY_RESOLVE.test(target)) return undefined
  try {
    const url = new URL(target, 'http://localhost')
    const same = target.charCodeAt(0) === 47 ? url.pathname + url.search : url.href
    return same === target ? undefined : url
  } catch {
    return undefined
  }
}

/**
 * `refusalText(status, title, detail)` is the RFC 9457 problem an adapter answers before the app
 * runs, as JSON: `badRequest`'s body, and what an adapter writing on a bare socket sends.
 */
export function refusalText(status: number, title: string, detail: string): string {
  return JSON.stringify({ type: 'about:blank', title, status, detail })
}

/**
 * `badRequest(detail, status, title, R)` is an answer with an RFC 9457 problem, closing the
 * connection: what an adapter answers before the app runs. A 400 unless `status` (with its
 * reason phrase `title`) says otherwise, built with the Response class `R` (Node's adapter
 * passes the one it writes in one piece).
 */
export function badRequest(
  detail: string,
  status = 400,
  title = 'Bad Request',
  R: typeof Response = Response,
): Response {
  return new R(refusalText(status, title, detail), {
    status,
    // Node writes the status line from `statusText`, which is empty unless set.
    statusText: title,
    headers: { 'content-type': 'application/problem+json', connection: 'close' },
  })
}
