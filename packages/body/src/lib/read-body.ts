import { tooLarge } from './errors.js'
import { concat } from './bytes.js'

/**
 * `declaredLength(request)` is the request's `Content-Length` as a number, or `undefined` when it
 * is absent or not a plain decimal (RFC 9110 §8.6). It is only a hint: bytes are always counted.
 */
export function declaredLength(request: Request): number | undefined {
  const value = request.headers.get('content-length')
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return undefined
  return Number(value)
}

/** Cancels a request body without letting a rejected cancel surface as an unhandled rejection. */
export function cancelBody(request: Request, reason: unknown): void {
  const body = request.body
  if (body && !body.locked) body.cancel(reason).catch(() => {})
}

/**
 * `readBody(request, limit, signal)` is the whole request body as bytes, at most `limit` bytes.
 *
 * A `Content-Length` over the limit fails before reading; otherwise the bytes are counted as they
 * arrive, so an absent or lying `Content-Length` cannot get past the limit. Over the limit it
 * cancels the body and throws a 413 `HttpError` naming `bodySize`. An absent body is empty.
 */
export async function readBody(
  request: Request,
  limit: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const declared = declaredLength(request)
  const over = () => tooLarge('bodySize', limit, `the request body is larger than ${limit} bytes`)
  if (declared !== undefined && declared > limit) {
    const error = over()
    cancelBody(request, error)
    throw error
  }
  const body = request.body
  if (body === null) return new Uint8Array(0)
  const reader = body.getReader()
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      signal?.throwIfAborted()
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        const error = over()
        await reader.cancel(error).catch(() => {})
        throw error
      }
      chunks.push(value)
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    reader.releaseLock()
  }
  return concat(chunks)
}
