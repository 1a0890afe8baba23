import { splitPath } from './percent.js'
import type { Bare } from './types.js'

const ORIGIN = 'http://localhost'

/**
 * `toBare(method, url)` is the bare request for `method` and `url` (a URL, or a path starting `/`
 * with an optional query), or `undefined` when the path holds a malformed percent escape.
 */
export function toBare(method: string, url: string | URL): Bare | undefined {
  // A path is put after an origin rather than resolved against one: resolved, `//evil/x` would be
  // a network-path reference (RFC 3986 §4.2) and lose `evil` as a host, unlike the request-target
  // a server receives.
  const u =
    typeof url !== 'string'
      ? url
      : url.startsWith('/')
        ? new URL(ORIGIN + url)
        : new URL(url, ORIGIN)
  const path = splitPath(u.pathname)
  return path && { method, path, query: u.searchParams }
}
