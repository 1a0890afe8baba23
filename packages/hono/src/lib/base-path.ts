/**
 * `mountPrefix(routePath, rawPath, lead)` is the part of `rawPath` (the request's path as sent,
 * still percent-encoded) that the Hono route `routePath` matched before its trailing wildcard:
 * `/api` for `/api/*` and `/api/posts`, `/t/acme` for `/t/:tenant/*` and `/t/acme/x`, and `''` for
 * `*`, `/*` and a route without a trailing `/*` (`/posts/:id`), which hand Ferry the whole path.
 * `lead` is how many more segments Hono's routing path has in front than the URL's (see
 * `leadingSegments`): the route counts them, `rawPath` has them not (or, negative, the other way
 * round). Default: 0.
 *
 * Hono matches on the percent-decoded path, so the prefix is taken segment by segment from the raw
 * path: Ferry strips it verbatim (DESIGN §2 keeps percent-encoding exact).
 */
export function mountPrefix(routePath: string, rawPath: string, lead = 0): string {
  if (routePath !== '*' && !routePath.endsWith('/*')) return ''
  const pattern = routePath.slice(0, -2)
  const count = segments(pattern) - lead
  if (count <= 0) return ''
  let end = 0
  for (let i = 0; i < count; i++) {
    const next = rawPath.indexOf('/', end + 1)
    if (next === -1) return rawPath
    end = next
  }
  return rawPath.slice(0, end)
}

/** `rawPathOf(url)` is the path of the absolute URL `url` as sent, without parsing it. */
export function rawPathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start === -1) return '/'
  const q = url.indexOf('?', start)
  const h = url.indexOf('#', start)
  const end = q === -1 ? h : h === -1 ? q : Math.min(q, h)
  return end === -1 ? url.slice(start) : url.slice(start, end)
}

/**
 * `leadingSegments(honoPath, urlPath)` is how many more segments Hono's routing path `honoPath`
 * has in front than `urlPath`, the URL's path as Hono's default `getPath` reads it, when one ends
 * with the other: 1 under Hono's routing by host (a `getPath` giving `/<host>/<path>`), -1 under a
 * `getPath` that drops a proxy's `/proxy` prefix, and 0 otherwise (the default; `strict: false`,
 * which drops a trailing slash; any other `getPath`).
 */
export function leadingSegments(honoPath: string, urlPath: string): number {
  if (honoPath.length > urlPath.length && honoPath.endsWith(urlPath))
    return segments(honoPath.slice(0, honoPath.length - urlPath.length))
  if (urlPath.length > honoPath.length && urlPath.endsWith(honoPath) && honoPath !== '/')
    return -segments(urlPath.slice(0, urlPath.length - honoPath.length))
  return 0
}

// The segments of a path prefix that ends where a segment begins: '/a/b' has two.
function segments(prefix: string): number {
  return prefix.split('/').length - 1
}
