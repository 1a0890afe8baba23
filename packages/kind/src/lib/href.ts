import { KindEncodeError } from './errors.js'
import { joinPath } from './percent.js'

/**
 * `toHref(path, query)` is the href of an encoded kind value: the canonical path of the decoded
 * segments `path`, then `?` and the query when it has any key. Throws `KindEncodeError` for a `.`
 * or `..` segment (the URL parser resolves it, so the href would name another path) and where
 * `joinPath` throws.
 */
export function toHref(path: readonly string[], query: URLSearchParams): string {
  for (const s of path) {
    // URL Standard §4.4 (path state) drops "." and resolves ".." (also when written %2e). Checked
    // here rather than in joinPath, which the router also calls on the raw paths of requests.
    if (s === '.' || s === '..') {
      throw new KindEncodeError(`an href cannot hold the dot segment "${s}"`)
    }
  }
  const qs = query.toString()
  return qs === '' ? joinPath(path) : `${joinPath(path)}?${qs}`
}
