import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import { badRequest, isValidHost, resolveTarget } from '@ferry/router/serve'
import { joinRepeated } from './repeated-fields.js'
import { Response as FastResponse } from '@whatwg-node/server'

// What `OPTIONS *` answers: the methods the adapter passes on to apps (each route narrows them).
const SERVER_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT'

/**
 * `checkRequestHead(req)` checks the request head of `req` and puts its target of `req` in origin form (`/path?query`), or is
 * the answer the adapter gives itself. An absolute-form target (`GET http://host/path`, RFC 9112
 * §3.2.2) becomes origin form, and its authority replaces `Host`, as an origin server must do.
 * `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7), which no `Request` URL can
 * name: it is answered `200` with an `Allow` of every method the adapter serves. A `Host` that
 * is no valid host (`isValidHost`: a `/`, `?`, `#` or `@` in it would move the path or the origin
 * of the URL put together from it), and a target in neither form (`*` with another method,
 * `host:port`), are a `400` problem. Dot segments and backslashes are resolved as Bun, workerd
 * and `new Request` resolve them (`resolveTarget`), so the app routes `/a/../b` as `/b` here too.
 * What Node's parser lets through before the head is whole checked is refused too: a request line
 * of another major version (505), an HTTP/1.1 request without `Host` when the server lets it
 * through (400, see `serve`), two `Host` field lines (400, RFC 9112 §3.2) and a
 * `Transfer-Encoding` other than `chunked` alone (`checkTransferCoding`).
 */
export function checkRequestHead(req: IncomingMessage): Response | undefined {
  // llhttp reads `HTTP/0.9` and `HTTP/2.0` request lines as HTTP/1 messages (Bun answers 505,
  // Deno 400); an HTTP/2 request of `node:http2`'s compatibility API carries `:method`.
  if (req.httpVersionMajor !== 1 && req.headers[':method'] === undefined) {
    return refuse(505, `HTTP/${req.httpVersion} is not served here: speak HTTP/1.1`)
  }
  // Some field name comes twice: fewer names than lines (a common request has none such).
  if (Object.keys(req.headers).length * 2 !== req.rawHeaders.length && joinRepeated(req)) {
    return refuse(400, 'the request has more than one Host header')
  }
  // RFC 9112 §3.2: an HTTP/1.1 request must name its host, even with an absolute-form target
  // (Node answers a bare 400 itself unless the server sets `requireHostHeader: false`, as serve
  // does); HTTP/1.0 need not, and HTTP/2 says `:authority`.
  if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1) {
    return refuse(400, 'the request has no Host header, which HTTP/1.1 requires')
  }
  const coding = req.headers['transfer-encoding']
  if (coding !== undefined) {
    const refusal = checkTransferCoding(coding)
    if (refusal !== undefined) return refusal
  }
  const target = req.url ?? ''
  if (target.charCodeAt(0) !== 47 /* '/' */) {
    if (target === '*' && req.method === 'OPTIONS') return serverOptions()
    if (!/^https?:\/\//i.test(target)) return refuse(400, 'the request target is not a path')
    let url: URL
    try {
      url = new URL(target)
    } catch {
      return refuse(400, 'the request target is not a valid URL')
    }
    if (url.username !== '' || url.password !== '' || !isValidHost(url.host)) {
      return refuse(400, 'the request target names no valid host')
    }
    req.url = url.pathname + url.search
    req.headers.host = url.host
    return undefined
  }
  // HTTP/2 gives `:authority` instead; HTTP/1.0 may send no Host (the fallback path handles both).
  const host = req.headers.host
  if (host !== undefined && !isValidHost(host)) {
    return refuse(400, 'the Host header is not a valid host')
  }
  const resolved = resolveTarget(target)
  if (resolved !== undefined) req.url = resolved.pathname + resolved.search
  return undefined
}

/**
 * The answer to a request whose `Transfer-Encoding` is not `chunked` alone, before the app runs
 * (Node hands such a request to the app, then its parser fails on the body and the connection is
 * cut with no answer). Not ending in `chunked` once, the body's length cannot be known: 400 (RFC
 * 9112 §6.3, §7: chunked is applied once, last). Another coding before it (`gzip, chunked`) is
 * one the adapter does not decode, so the app would read coded bytes as the content: 501 (RFC 9112
 * §6.1). Bun answers both 400; Deno refuses the first and passes the second on, coded.
 */
function checkTransferCoding(value: string): Response | undefined {
  const codings = value.split(',').map((c) => c.trim().toLowerCase())
  if (codings.length === 1 && codings[0] === 'chunked') return undefined
  if (codings.indexOf('chunked') !== codings.length - 1) {
    return refuse(400, `the Transfer-Encoding "${value}" does not end in a single chunked`)
  }
  return refuse(
    501,
    `the Transfer-Encoding "${value}" applies a coding this server does not decode`,
  )
}

/** The adapter's own problem answer, in the class Node writes in one piece (with its length). */
function refuse(status: number, detail: string): Response {
  return badRequest(detail, status, STATUS_CODES[status], FastResponse as typeof Response)
}

/** The answer to `OPTIONS *`: no content, the methods served, and the connection kept. */
function serverOptions(): Response {
  return new FastResponse(null, {
    status: 200,
    // Node writes the status line from `statusText`, which is empty unless set.
    statusText: 'OK',
    headers: { allow: SERVER_METHODS, 'content-length': '0' },
  })
}
