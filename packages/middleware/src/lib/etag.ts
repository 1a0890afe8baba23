import type { Layer } from '@ferry/router'
import { HttpError } from '@ferry/router'
import { answer } from './answer'
import { type Validators, evaluatePreconditions, notModifiedHeaders } from './conditional'
import { hashETag } from './entity-tag'
import { hasCacheDirective } from './headers'
import { parseHttpDate } from './http-date'
import { readPrefix } from './read-prefix'
import { replaceBody } from './replace-body'
import { isStreamingType } from './streaming-type'

/** Options of `etag()`. */
export interface ETagOptions {
  /** Generate weak ETags (`W/"..."`) instead of strong ones. Default: `false`. */
  weak?: boolean
  /**
   * Largest body, in bytes, that is read into memory to hash it. A response that already has an
   * `ETag` is never read. Larger bodies are streamed on without an ETag, as are streams of
   * records (`text/event-stream`, NDJSON, JSON sequences) and `Cache-Control: no-store`
   * responses. Default: 1 MiB.
   */
  maxSize?: number
}

/**
 * `etag(options)` is a layer that gives successful GET and HEAD responses an `ETag` (the SHA-256
 * of the body, when the handler set none) and answers conditional requests against it and against
 * `Last-Modified`, per RFC 9110 §13.2.2: `304 Not Modified` when `If-None-Match` (or, without it,
 * `If-Modified-Since`) says the client's copy is current; `412 Precondition Failed` (problem+json)
 * when `If-Match` or `If-Unmodified-Since` fails. Only 2xx responses without a range are
 * considered (§13.2.1). Unsafe methods are passed through: their preconditions must be checked
 * before the change, with `checkPreconditions` in the handler.
 */
export function etag(options: ETagOptions = {}): Layer {
  const weak = options.weak ?? false
  const maxSize = options.maxSize ?? 1024 * 1024
  if (!(maxSize >= 0)) throw new TypeError('etag(): maxSize must be a number of bytes, at least 0')

  return async (c, next) => {
    const res = await next()
    const method = c.request.method.toUpperCase()
    if (
      (method !== 'GET' && method !== 'HEAD') ||
      res.status < 200 ||
      res.status > 299 ||
      res.status === 206
    ) {
      return res
    }
    let current = res
    let tag = res.headers.get('etag') ?? undefined
    if (tag === undefined && res.body !== null && worthHashing(res.headers, maxSize)) {
      const prefix = await readPrefix(res.body, maxSize, c.request.signal)
      if (prefix.complete) {
        tag = await hashETag(prefix.bytes, weak)
        current = replaceBody(c, res, prefix.bytes)
        current.headers.set('etag', tag)
        // The length is known now; a HEAD answered by GET keeps it only this way, since the
        // router counts only bodies it built itself before dropping them (RFC 9110 §9.3.2).
        if (!current.headers.has('content-length'))
          current.headers.set('content-length', String(prefix.bytes.byteLength))
      } else {
        current = replaceBody(c, res, prefix.stream)
      }
    }
    // Untagged bodies are still evaluated: their Last-Modified answers If-Modified-Since and
    // If-Unmodified-Since (RFC 9110 §13.2.2) just as well, and a 2xx answer is a current
    // representation for `*`.
    const validators: Validators = {
      etag: tag,
      lastModified: parseHttpDate(current.headers.get('last-modified')),
      exists: true,
    }
    const outcome = evaluatePreconditions(c.request, validators)
    if (outcome === 'proceed') return current
    await current.body?.cancel()
    if (outcome === 'not-modified')
      return c.respond(null, { status: 304, headers: notModifiedHeaders(current.headers) })
    return answer(c, 412, { detail: 'a precondition in If-Match or If-Unmodified-Since failed' })
  }
}

/**
 * `checkPreconditions(request, validators)` throws the answer RFC 9110 §13.2.2 gives a request
 * whose target currently has `validators`: `HttpError(412)` when `If-Match`, `If-Unmodified-Since`
 * or (for unsafe methods) `If-None-Match` fails, and `HttpError(304)` is never thrown: for a
 * GET/HEAD that is not modified it returns `'not-modified'` so the handler can answer 304 itself.
 * Call it in handlers of unsafe methods before changing anything (`PUT` with `If-Match` is how
 * clients avoid lost updates).
 */
export function checkPreconditions(
  request: Request,
  validators: Validators,
): 'proceed' | 'not-modified' {
  const outcome = evaluatePreconditions(request, validators)
  if (outcome === 'failed') {
    throw new HttpError(412, {
      detail: 'a precondition in the request failed for the current representation',
    })
  }
  return outcome
}

/**
 * Whether a body is worth reading to hash: not when its length is over `maxSize`, not for a
 * stream of records (event stream, NDJSON: hashing waits for the end, which would hold back every
 * record), and not for a no-store response (never revalidated).
 */
function worthHashing(headers: Headers, maxSize: number): boolean {
  const length = headers.get('content-length')
  if (length !== null && Number(length) > maxSize) return false
  return !isStreamingType(headers.get('content-type')) && !hasCacheDirective(headers, 'no-store')
}
