import type { IncomingMessage } from 'node:http'
import { badRequest, isValidHost, resolveTarget } from '@ferry/router/serve'

// What `OPTIONS *` answers: the methods the adapter passes on to apps (each route narrows them).
const SERVER_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT'

/**
 * `checkRequestTarget(req)` puts the request target of `req` in origin form (`/path?query`), or is
 * the answer the adapter gives itself. An absolute-form target (`GET http://host/path`, RFC 9112
 * §3.2.2) becomes origin form, and its authority replaces `Host`, as an origin server must do.
 * `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7), which no `Request` URL can
 * name: it is answered `200` with an `Allow` of every method the adapter serves. A `Host` that
 * is no valid host (`isValidHost`: a `/`, `?`, `#` or `@` in it would move the path or the origin
 * of the URL put together from it), and a target in neither form (`*` with another method,
 * `host:port`), are a `400` problem. Dot segments and backslashes are resolved as Bun, workerd
 * and `new Request` resolve them (`resolveTarget`), so the app routes `/a/../b` as `/b` here too.
 */
export function checkRequestTarget(req: IncomingMessage): Response | undefined {
  const target = req.url ?? ''
  if (target.charCodeAt(0) !== 47 /* '/' */) {
    if (target === '*' && req.method === 'OPTIONS') return serverOptions()
    if (!/^https?:\/\//i.test(target)) return badRequest('the request target is not a path')
    let url: URL
    try {
      url = new URL(target)
    } catch {
      return badRequest('the request target is not a valid URL')
    }
    if (url.username !== '' || url.password !== '' || !isValidHost(url.host)) {
      return badRequest('the request target names no valid host')
    }
    req.url = url.pathname + url.search
    req.headers.host = url.host
    return undefined
  }
  // HTTP/2 gives `:authority` instead; HTTP/1.0 may send no Host (the fallback path handles both).
  const host = req.headers.host
  if (host !== undefined && !isValidHost(host)) {
    return badRequest('the Host header is not a valid host')
  }
  const resolved = resolveTarget(target)
  if (resolved !== undefined) req.url = resolved.pathname + resolved.search
  return undefined
}

/** The answer to `OPTIONS *`: no content, the methods served, and the connection kept. */
function serverOptions(): Response {
  return new Response(null, {
    status: 200,
    // Node writes the status line from `statusText`, which is empty unless set.
    statusText: 'OK',
    headers: { allow: SERVER_METHODS, 'content-length': '0' },
  })
}
