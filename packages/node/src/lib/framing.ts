import type { OutgoingHttpHeaders } from 'node:http'

// A code unit above U+007F (obs-text, RFC 9110 §5.5).
const NON_ASCII = /[^\0-\x7f]/

/**
 * `withLength(headers, length)` is `headers` framed by `length` alone: `headers` itself when its
 * one `Content-Length` (in any case) already says `length` and it has no `Transfer-Encoding`, else
 * a copy with one `content-length: length` and no `Transfer-Encoding`. A wrong length (copied
 * from an upstream answer, or left in a shared init object by `@whatwg-node/fetch`'s `Response`,
 * which writes the first body's length into it), a second one in another case, or a
 * `Transfer-Encoding` beside it (RFC 9112 §6.2 forbids both; one not ending in `chunked` makes
 * the body run to the close, §6.3) would let the body run into the next answer on the
 * connection, or be read so by a proxy. Bun sends the real length too.
 */
export function withLength(headers: OutgoingHttpHeaders, length: number): OutgoingHttpHeaders {
  const value = String(length)
  let lengths = 0
  let inStep = true
  for (const name in headers) {
    const lower = name.length === 14 || name.length === 17 ? name.toLowerCase() : ''
    if (lower === 'transfer-encoding') inStep = false
    else if (lower === 'content-length') {
      lengths++
      if (headers[name] !== value) inStep = false
    }
  }
  if (inStep && lengths <= 1) return headers
  return { ...withoutFraming(headers), 'content-length': value }
}

/**
 * `withNoBody(headers)` is `headers` saying `Content-Length: 0`, for an answer without a body: a
 * copy, any other length and any `Transfer-Encoding` removed (a length that promised bytes would
 * leave the client waiting for them, and a coding not ending in `chunked` would make it read to
 * the close). Without it Node frames the empty body as a chunked one (`writeHead` comes before
 * it knows); Bun and Deno send the length.
 */
export function withNoBody(headers: OutgoingHttpHeaders | undefined): OutgoingHttpHeaders {
  return { ...withoutFraming(headers), 'content-length': '0' }
}

/** A copy of `headers` without `Content-Length` and `Transfer-Encoding`, in any case. */
function withoutFraming(headers: OutgoingHttpHeaders | undefined): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {}
  for (const name in headers) {
    const lower = name.toLowerCase()
    if (lower !== 'content-length' && lower !== 'transfer-encoding') out[name] = headers[name]
  }
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
