import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { NodeRequest } from './node-request.js'

/** What frameworks add to an `IncomingMessage` that `normalizeNodeRequest` takes into account. */
interface FrameworkRequest {
  body?: unknown
  query?: unknown
  protocol?: unknown
  originalUrl?: unknown
}

/**
 * `toRequest(req)` is the `NodeRequest` for a plain `node:http` request, with the URL, method,
 * headers and body that `normalizeNodeRequest` of `@whatwg-node/server` gives it, or `undefined`
 * when `req` carries something only that function handles: a framework's parsed `body`, `query`,
 * `protocol` or `originalUrl` (Express), HTTP/2 pseudo-headers, or no `Host` (HTTP/1.0).
 *
 * Built here, the request skips the abort controller `normalizeNodeRequest` makes (its `signal`
 * is lazy, see `NodeRequest`) and the adapter's `Proxy`: about a tenth of a small request's CPU.
 */
export function toRequest(req: IncomingMessage): NodeRequest | undefined {
  const headers = req.headers
  const host = headers.host
  const framework = req as IncomingMessage & FrameworkRequest
  if (
    host === undefined ||
    headers[':method'] !== undefined ||
    framework.body !== undefined ||
    framework.query !== undefined ||
    framework.protocol !== undefined ||
    framework.originalUrl !== undefined
  ) {
    return undefined
  }
  const scheme = (req.socket as TLSSocket | null)?.encrypted ? 'https' : 'http'
  const url = `${scheme}://${host}${req.url}`
  const method = req.method ?? 'GET'
  // The header object is wrapped, not copied: @whatwg-node/fetch's Headers reads it lazily.
  const init = headers as unknown as Record<string, string>
  if (method === 'GET' || method === 'HEAD') return new NodeRequest(url, { method, headers: init })
  // The body is the IncomingMessage itself, streamed on demand (RFC 9112 §6 framing is Node's).
  return new NodeRequest(url, {
    method,
    headers: init,
    body: req as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit)
}
