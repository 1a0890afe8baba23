import type { BaseContext, Layer } from '@ferry/router'
import { type Encoding, negotiateEncoding } from './accept-encoding'
import { compressStream } from './compress-stream'
import { isCompressible } from './compressible'
import { parseEntityTag, parseEntityTagList, weaken } from './entity-tag'
import { appendVary, hasCacheDirective, withHeaders } from './headers'
import { readPrefix } from './read-prefix'
import { replaceBody } from './replace-body'

/** Options of `compress()`. */
export interface CompressOptions {
  /** Codings offered, in order of preference when the client weighs them equally. Default: gzip, deflate. */
  encodings?: readonly Encoding[]
  /**
   * Bodies under this many bytes are sent as they are (unless the client refuses identity): known
   * from `Content-Length`, or, without one (strings, `c.json()`, streams), by reading up to this
   * many bytes first. Default: 1024.
   */
  threshold?: number
  /** Decides which content types are compressed. Default: `isCompressible` (text, JSON, XML, JS, SVG, ...). */
  filter?: (contentType: string | null, c: BaseContext) => boolean
}

/**
 * `compress(options)` is a layer that compresses response bodies with the Web `CompressionStream`
 * (gzip or deflate, chosen from `Accept-Encoding` with q-values, RFC 9110 §12.5.3). The body is
 * streamed through the compressor, never buffered. A HEAD gets the headers its GET would get (a
 * HEAD answered without a body, by its `Content-Length`; without one it is left alone).
 * Bodies are left alone when: the status is 204, 206 or 304, or the response has `Content-Range`; it already has a
 * `Content-Encoding`; `Cache-Control: no-transform` (RFC 9111 §5.2.2.6); its type is not
 * compressible; or it is smaller than `threshold`. `Vary: Accept-Encoding` is added to every
 * response of a compressible type, and a compressed response's strong `ETag` is made weak, since
 * its bytes differ from the identity representation's (RFC 9110 §8.8.1); a 304 gets the `Vary`
 * its 200 would have had, and the weak tag back when it answers one (see `notModified`).
 */
export function compress(options: CompressOptions = {}): Layer {
  const encodings = options.encodings ?? ['gzip', 'deflate']
  const threshold = options.threshold ?? 1024
  const filter = options.filter ?? isCompressible
  for (const e of encodings) {
    if (e !== 'gzip' && e !== 'deflate')
      throw new TypeError(`compress(): unsupported encoding ${JSON.stringify(e)}`)
  }
  if (!(threshold >= 0))
    throw new TypeError('compress(): threshold must be a number of bytes, at least 0')

  return async (c, next) => {
    const res = await next()
    if (res.status === 304) return notModified(res, c, encodings, filter)
    // A HEAD shows the headers its GET would have (RFC 9110 §9.3.2): the router hands layers the
    // GET's full answer and drops the body after them; a HEAD answered without a body is decided
    // by its Content-Length.
    const head = c.request.method === 'HEAD'
    if (res.body === null && !head) return res
    if (
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      res.headers.has('content-range')
    ) {
      return res
    }
    if (!filter(res.headers.get('content-type'), c)) return res
    const out = withHeaders(res)
    appendVary(out.headers, 'Accept-Encoding')
    if (out.headers.has('content-encoding') || hasCacheDirective(out.headers, 'no-transform'))
      return out
    const { encoding, identityAcceptable } = negotiateEncoding(
      c.request.headers.get('accept-encoding'),
      encodings,
    )
    if (encoding === undefined) return out
    const length = out.headers.get('content-length')
    if (identityAcceptable && length !== null && Number(length) < threshold) return out
    let body: ReadableStream<Uint8Array> | null = out.body
    if (body === null) {
      // Its GET would be read to learn whether it is small: without a length, leave it as it is.
      if (identityAcceptable && length === null && threshold > 0) return out
      return c.respond(null, encoded(out, encoding))
    }
    if (identityAcceptable && length === null && threshold > 0) {
      // A string body or c.json() has no Content-Length yet: read up to `threshold` bytes to
      // learn whether it is small. The compressor would hold these bytes back anyway.
      const prefix = await readPrefix(body, threshold - 1, c.request.signal)
      if (prefix.complete) {
        const small = replaceBody(c, out, prefix.bytes)
        small.headers.set('content-length', String(prefix.bytes.byteLength))
        return small
      }
      body = prefix.stream
    }

    return c.respond(compressStream(body, encoding), encoded(out, encoding))
  }
}

/** The init of `res` once its body is compressed with `encoding`. */
function encoded(res: Response, encoding: Encoding): ResponseInit {
  const headers = new Headers(res.headers)
  headers.set('content-encoding', encoding)
  headers.delete('content-length')
  // A range of the compressed bytes would be meaningless to a client that asked for the original.
  headers.delete('accept-ranges')
  const etag = headers.get('etag')
  if (etag !== null) headers.set('etag', weaken(etag))
  return {
    status: res.status,
    statusText: res.statusText,
    headers,
    // Workers encode a body to match its Content-Encoding unless told it already is
    // (`encodeBody: 'manual'`); other runtimes ignore the member.
    encodeBody: 'manual',
  } as ResponseInit
}

/**
 * `notModified(res, c, encodings, filter)` is the 304 `res` with the `Vary` and `ETag` of the 200
 * it stands for (RFC 9110 §15.4.5 requires both).
 *
 * `Vary: Accept-Encoding` goes on whenever that 200 would have had it, whichever validator matched:
 * when the 304 still names a compressible type, and when it names none, which is the rule, since a
 * 304 sends no Content-Type. A 304 cannot tell an image from a page then, and an extra `Vary` only
 * narrows what a cache shares (a browser sends one `Accept-Encoding`), while a missing one breaks
 * the rule above.
 *
 * The inner `etag()` or `serveStatic()` answered with the identity body's strong tag, having
 * matched the weak form this layer gave the compressed 200 (weak comparison, §13.1.2); when the
 * client sent only that weak form and would be sent a compressed body now, the 304 gets it back.
 * Otherwise a cache would store the strong tag beside encoded bytes, and a later `If-Range` could
 * splice identity bytes into them.
 */
function notModified(
  res: Response,
  c: BaseContext,
  encodings: readonly Encoding[],
  filter: (contentType: string | null, c: BaseContext) => boolean,
): Response {
  const tag = compressedTag(res, c.request, encodings)
  const type = res.headers.get('content-type')
  const varies = tag !== undefined || type === null || filter(type, c)
  if (!varies) return res
  const out = withHeaders(res)
  if (tag !== undefined) out.headers.set('etag', tag)
  appendVary(out.headers, 'Accept-Encoding')
  return out
}

/**
 * The weak tag of the compressed 200 that the 304 `res` stands for, when its strong tag matched
 * only a weak form the client sent and the client would be sent a compressed body now.
 */
function compressedTag(
  res: Response,
  request: Request,
  encodings: readonly Encoding[],
): string | undefined {
  const value = res.headers.get('etag')
  const current = value === null ? undefined : parseEntityTag(value)
  if (current === undefined || current.weak) return undefined
  const sent = parseEntityTagList(request.headers.get('if-none-match') ?? '')
  if (!Array.isArray(sent)) return undefined
  const same = sent.filter((t) => t.opaque === current.opaque)
  if (same.length === 0 || same.some((t) => !t.weak)) return undefined
  if (negotiateEncoding(request.headers.get('accept-encoding'), encodings).encoding === undefined)
    return undefined
  return weaken(value!)
}
