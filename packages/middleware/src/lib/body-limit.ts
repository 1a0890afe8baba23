import type { Layer } from '@ferry/router'
import { HttpError } from '@ferry/router'
import { answer } from './answer'

/** Options of `bodyLimit()`. */
export interface BodyLimitOptions {
  /** The largest request body accepted, in bytes. Required. */
  max: number
}

// The members @ferry/body's own 413 carries, so one client-side check reads both.
const fields = (max: number) => ({
  detail: `the request body is larger than ${max} bytes`,
  limit: 'bodySize',
  max,
})

/**
 * `bodyLimit({ max })` is a layer that refuses request bodies over `max` bytes with 413
 * problem+json (`limit: 'bodySize'` and `max`, as @ferry/body's): first from `Content-Length`, before anything is read; then, as the
 * body streams, by counting, which catches a missing or lying length (chunked uploads, HTTP/2).
 * A malformed `Content-Length` is a 400. Inner layers and handlers see the request with the
 * counted body (and, on Workers, the same `cf`), passed on as the `request` field. Throws
 * `RangeError` for a bad `max`.
 */
export function bodyLimit(options: BodyLimitOptions): Layer<{}, { request: Request }> {
  const max = options?.max
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 0) {
    throw new RangeError('bodyLimit(): max must be a whole number of bytes, at least 0')
  }
  return async (c, next) => {
    const length = c.request.headers.get('content-length')
    if (length !== null) {
      if (!/^\d{1,15}$/.test(length.trim())) {
        return answer(c, 400, { detail: 'the Content-Length header is not a number' })
      }
      if (Number(length) > max) return answer(c, 413, fields(max))
    }
    const body = c.request.body
    if (body === null) return next({ request: c.request })
    let count = 0
    let exceeded = false
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          count += chunk.byteLength
          if (count > max) {
            exceeded = true
            // An HttpError, so a handler that lets the failed read propagate answers 413 too.
            controller.error(new HttpError(413, fields(max)))
            return
          }
          controller.enqueue(chunk)
        },
      }),
    )
    // `duplex: 'half'` is required by the Fetch standard for a streamed request body.
    // Built from its parts, not `new Request(c.request, ...)`: a server's own Request class (Node's
    // @whatwg-node/server) is not one the global Request constructor accepts as input. Workers'
    // `cf` (country, ASN, TLS data) is one of those parts; other runtimes ignore the member.
    const original = c.request
    const init: RequestInit & { duplex: 'half'; cf?: unknown } = {
      method: original.method,
      headers: original.headers,
      signal: original.signal,
      body: counted,
      duplex: 'half',
    }
    const cf = (original as { cf?: unknown }).cf
    if (cf !== undefined) init.cf = cf
    const request = new Request(original.url, init)
    let res: Response
    try {
      res = await next({ request })
    } catch (err) {
      // The handler saw a read fail; whatever it made of that, the cause is the limit.
      if (exceeded) return answer(c, 413, fields(max))
      throw err
    }
    if (exceeded) {
      await res.body?.cancel()
      return answer(c, 413, fields(max))
    }
    return res
  }
}
