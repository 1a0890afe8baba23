/**
 * `mountPrefix(routePath, rawPath, lead)` is the part of `rawPath` (the request's path as sent,
 * still percent-encoded) that the Hono route `routePath` matched before its trailing wildcard:
 * `/api` for `/api/*` and `/api/posts`, `/t/acme` for `/t/:tenant/*` and `/t/acme/x`, and `''` for
 * a route without a trailing `/*` (`*`, `/*`, `/posts/:id`), which hands Ferry the whole path.
 * `lead` is how many segments Hono's routing path has in front of the URL's (see
 * `leadingSegments`); they are in the route, not in `rawPath`. Default: 0.
 *
 * Hono matches on the percent-decoded path, so the prefix is taken segment by segment from the raw
 * path: Ferry strips it verbatim (DESIGN §2 keeps percent-encoding exact).
 */
export function mountPrefix(routePath: string, rawPath: string, lead = 0): string {
  if (!routePath.endsWith('/*')) return ''
  const pattern = routePath.slice(0, -2)
  if (pattern === '') return ''
  const count = pattern.split('/').length - 1 - lead
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
 * `leadingSegments(honoPath, urlPath)` is how many segments Hono's routing path `honoPath` has in
 * front of `urlPath`, the URL's path as Hono's default `getPath` reads it: 1 under Hono's routing
 * by host (a `getPath` giving `/<host>/<path>`), and 0 when `honoPath` is not `urlPath` with
 * something in front (the default; `strict: false`, which drops a trailing slash).
 */
export function leadingSegments(honoPath: string, urlPath: string): number {
  if (honoPath.length <= urlPath.length || !honoPath.endsWith(urlPath)) return 0
  return honoPath.slice(0, honoPath.length - urlPath.length).split('/').length - 1
}
