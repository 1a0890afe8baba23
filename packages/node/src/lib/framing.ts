import type { OutgoingHttpHeaders } from 'node:http'

// A code unit above U+007F (obs-text, RFC 9110 §5.5).
const NON_ASCII = /[^\0-\x7f]/

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

/**
 * `withNoBody(headers)` is `headers` saying `Content-Length: 0`, for an answer without a body: a
 * copy, any other length replaced (a length that promised bytes would leave the client waiting
 * for them). Without it Node frames the empty body as a chunked one (`writeHead` comes before it
 * knows); Bun and Deno send the length. A `Transfer-Encoding` the app set is left to frame it.
 */
export function withNoBody(headers: OutgoingHttpHeaders | undefined): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {}
  for (const name in headers) {
    const lower = name.toLowerCase()
    if (lower === 'transfer-encoding') return headers!
    if (lower !== 'content-length') out[name] = headers[name]
  }
  out['content-length'] = '0'
  return out
}

/**
 * Whether a value of `headers` holds a code unit above U+007F. Node writes the head of an answer
 * and a string body as one UTF-8 string (`OutgoingMessage._send`), so such a value would go out as
 * UTF-8 bytes; the caller then sends the body as bytes, and the head goes out as Latin-1, one byte
 * per code unit, as the Fetch standard, Bun and Deno send it.
 */
export function hasNonAscii(headers: OutgoingHttpHeaders | undefined): boolean {
  for (const name in headers) {
    const value = headers[name]
    if (typeof value === 'string') {
      if (NON_ASCII.test(value)) return true
    } else if (Array.isArray(value) && value.some((v) => NON_ASCII.test(v))) return true
  }
  return false
}
