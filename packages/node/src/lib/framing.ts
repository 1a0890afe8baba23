import type { OutgoingHttpHeaders } from 'node:http'

/**
 * `withLength(headers, length)` is `headers` with its `Content-Length` (in any case) saying
 * `length`: `headers` itself when it already does or has none, a copy otherwise. A wrong length
 * (copied from an upstream answer, or left in a shared init object by `@whatwg-node/fetch`'s
 * `Response`, which writes the first body's length into it) would let the body run into the next
 * answer on the connection; Bun sends the real length too.
 */
export function withLength(headers: OutgoingHttpHeaders, length: number): OutgoingHttpHeaders {
  for (const name in headers) {
    if (name.length !== 14 || name.toLowerCase() !== 'content-length') continue
    const value = String(length)
    return headers[name] === value ? headers : { ...headers, [name]: value }
  }
  return headers
}
