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
