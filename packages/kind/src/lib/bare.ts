import { splitPath } from './percent.js'
import type { Bare } from './types.js'

/**
 * `toBare(method, url)` is the bare request for `method` and `url` (a URL or a path with an
 * optional query), or `undefined` when the path holds a malformed percent escape.
 */
export function toBare(method: string, url: string | URL): Bare | undefined {
  const u = typeof url === 'string' ? new URL(url, 'http://localhost') : url
  const path = splitPath(u.pathname)
  return path && { method, path, query: u.searchParams }
}
