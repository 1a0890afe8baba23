import type { HttpError } from '@ferry/router'
import { readFailure, tooLarge, unsupported } from './errors.js'
import { type ByteSource, concat } from './bytes.js'

/**
 * `declaredLength(request)` is the request's `Content-Length` as a number, or `undefined` when it
 * is absent or not a plain decimal (RFC 9110 §8.6). Unless the server framed the body by it (see
 * `ReadContext.framed`), it is only a hint: bytes are counted.
 */
export function declaredLength(request: Request): number | undefined {
  const value = request.headers.get('content-length')
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return undefined
  return Number(value)
}

/**
 * `codingRefusal(request)` is the 415 for a body sent with a content coding (`Content-Encoding:
 * gzip`, RFC 9110 §8.4), which no spec decodes: read as it is, gzip bytes would be taken for the
 * JSON or the text itself. It names the coding and answers `Accept-Encoding: identity` (RFC 7694
 * §3), and cancels the body. No header, or `identity`, passes.
 */
export function codingRefusal(request: Request): HttpError | undefined {
  const coding = request.headers.get('content-encoding')
  if (coding === null || IDENTITY.test(coding)) return undefined
  const error = unsupported(
    `the body is sent with Content-Encoding "${coding}", which is not decoded here`,
    { coding, headers: { 'accept-encoding': 'identity' } },
  )
  cancelBody(request, error)
  return error
}

const IDENTITY = /^[ \t]*(?:identity[ \t]*)?$/i

/**
 * `readRefusal(request)` is why no spec can read `request`'s body: a `TypeError` when it was read
 * already (a layer read `c.request`: the runtime would say only "ReadableStream is locked" or
 * "Body is unusable"), else its `codingRefusal`.
 */
export function readRefusal(request: Request): Error | undefined {
  // `bodyUsed` only: reading `body` would make @whatwg-node's Request build its web stream, which
  // the one-call read of a framed body exists to skip.
  if (request.bodyUsed) {
    return new TypeError(
      'the request body was read before the body spec: a layer that reads it must hand on a fresh Request with next({ request })',
    )
  }
  return codingRefusal(request)
}

/** Cancels a request body without letting a rejected cancel surface as an unhandled rejection. */
export function cancelBody(request: Request, reason: unknown): void {
  const body = request.body
  if (body && !body.locked) body.cancel(reason).catch(() => {})
}

/** What `readBody` needs of the router's `BodyParseContext`. */
export interface ReadContext {
  /** Whether a server framed the body by its `Content-Length`, which is then exact. */
  readonly framed?: boolean
  /** Aborts the reading; only read on the counting path (touching it costs on some servers). */
  readonly signal?: AbortSignal
}

/**
 * `readBody(request, limit, ctx)` is the whole request body as bytes, at most `limit` bytes.
 *
 * A `Content-Length` over the limit fails before reading. When `ctx.framed` says a server framed
 * the body by a `Content-Length` within the limit, the body is read in one call; otherwise the
 * bytes are counted as they arrive, so an absent or lying `Content-Length` cannot get past the
 * limit. Over the limit it cancels the body and throws a 413 `HttpError` naming `bodySize`. An
 * absent body is empty.
 */
export function readBody(
  request: Request,
  limit: number,
  ctx: ReadContext = {},
): Promise<Uint8Array> {
  const refused = readRefusal(request)
  if (refused !== undefined) return Promise.reject(refused)
  if (framedWithin(request, limit, ctx)) return readWhole(request, limit, ctx, toBytes)
  const declared = declaredLength(request)
  if (declared !== undefined && declared > limit) {
    const error = overLimit(limit)
    cancelBody(request, error)
    return Promise.reject(error)
  }
  const body = request.body
  if (body === null) return Promise.resolve(new Uint8Array(0))
  return readCounted(body, limit, ctx.signal)
}

/**
 * `readFramed(request, limit, ctx, use)` is `use` of the whole body, read with one native
 * `arrayBuffer()` call and handed over as the runtime gives it (an `ArrayBuffer`, or a `Buffer` on
 * Node), when `ctx.framed` says a server framed the body by a `Content-Length` within `limit`;
 * otherwise `undefined`, and the body is untouched (read it with `readBody`, which counts).
 *
 * `use` runs in the read's own callback, so the read and the use cost one promise.
 */
export function readFramed<T>(
  request: Request,
  limit: number,
  ctx: ReadContext,
  use: (buffer: ByteSource) => T,
): Promise<T> | undefined {
  if (!framedWithin(request, limit, ctx)) return undefined
  const refused = readRefusal(request)
  if (refused !== undefined) return Promise.reject(refused)
  return readWhole(request, limit, ctx, use)
}

/** Whether a server framed the body by a `Content-Length` within `limit` (see `readFramed`). */
function framedWithin(request: Request, limit: number, ctx: ReadContext): boolean {
  if (!ctx.framed) return false
  const declared = declaredLength(request)
  return declared !== undefined && declared <= limit
}

/** `use` of the whole body, read with one `arrayBuffer()` call (see `readFramed`). */
function readWhole<T>(
  request: Request,
  limit: number,
  ctx: ReadContext,
  use: (buffer: ByteSource) => T,
): Promise<T> {
  // RFC 9112 §6.3: the server delivers exactly the declared bytes, so one native read is safe and
  // spares a promise per chunk. The check below only guards a server that broke that promise.
  return request.arrayBuffer().then(
    (buffer: ByteSource) => {
      if (buffer.byteLength > limit) throw overLimit(limit)
      return use(buffer)
    },
    (error: unknown) => {
      throw readFailure(error, ctx.signal)
    },
  )
}

/** `overLimit(limit)` is the 413 problem for a body over `limit` bytes. */
function overLimit(limit: number) {
  return tooLarge('bodySize', limit, `the request body is larger than ${limit} bytes`)
}

/**
 * The bytes of what `arrayBuffer()` gave. Some Request implementations (@whatwg-node/fetch on
 * Node) hand back a `Buffer` there rather than an `ArrayBuffer`: view it without copying.
 */
function toBytes(value: ByteSource): Uint8Array {
  return ArrayBuffer.isView(value)
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : new Uint8Array(value)
}

async function readCounted(
  body: ReadableStream<Uint8Array>,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const reader = body.getReader()
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  // A signal aborted already fires no event: cancel now (the loop then throws its reason).
  if (signal?.aborted) onAbort()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      signal?.throwIfAborted()
      const { done, value } = await reader.read()
      if (done) {
        // An abort cancels the reader, which ends a pending read as done (WHATWG Streams
        // ReadableStreamCancel): that is not the end of the body.
        signal?.throwIfAborted()
        break
      }
      size += value.byteLength
      if (size > limit) {
        const error = overLimit(limit)
        await reader.cancel(error).catch(() => {})
        throw error
      }
      chunks.push(value)
    }
  } catch (error) {
    throw readFailure(error, signal)
  } finally {
    signal?.removeEventListener('abort', onAbort)
    reader.releaseLock()
  }
  return concat(chunks)
}
