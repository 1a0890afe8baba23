import type { IncomingMessage } from 'node:http'
import { isValidHost, resolveTarget } from '@ferry/router/serve'

/**
 * `checkRequestTarget(req)` puts the request target of `req` in origin form (`/path?query`), or
 * names what is wrong with it. An absolute-form target (`GET http://host/path`, RFC 9112 §3.2.2)
 * becomes origin form, and its authority replaces `Host`, as an origin server must do. A `Host`
 * that is no valid host (`isValidHost`: a `/`, `?`, `#` or `@` in it would move the path or the
 * origin of the URL put together from it), and a target in neither form (`*`, `host:port`), are errors.
 * Dot segments and backslashes are resolved as Bun, workerd and `new Request` resolve them
 * (`resolveTarget`), so the app routes `/a/../b` as `/b` here too.
 */
export function checkRequestTarget(req: IncomingMessage): string | undefined {
  const target = req.url ?? ''
  if (target.charCodeAt(0) !== 47 /* '/' */) {
    if (!/^https?:\/\//i.test(target)) return 'the request target is not a path'
    let url: URL
    try {
      url = new URL(target)
    } catch {
      return 'the request target is not a valid URL'
    }
    if (url.username !== '' || url.password !== '' || !isValidHost(url.host)) {
      return 'the request target names no valid host'
    }
    req.url = url.pathname + url.search
    req.headers.host = url.host
    return undefined
  }
  // HTTP/2 gives `:authority` instead; HTTP/1.0 may send no Host (the fallback path handles both).
  const host = req.headers.host
  if (host !== undefined && !isValidHost(host)) return 'the Host header is not a valid host'
  const resolved = resolveTarget(target)
  if (resolved !== undefined) req.url = resolved.pathname + resolved.search
  return undefined
}
