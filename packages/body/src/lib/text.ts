import { accepting, type BodySpec } from '@ferry/router'
import { malformed, unsupported } from './errors.js'
import type { ByteSource } from './bytes.js'
import { checkLimit } from './limits.js'
import { cancelBody, readBody, readFramed } from './read-body.js'

/** Options of the `text` and `bytes` body specs. */
export interface RawOptions {
  /** Largest body accepted, in bytes (default 1 MiB); over it the answer is 413 `bodySize`. */
  limit?: number
  /** Media type patterns accepted (`text`: default `text/*`; `bytes`: default `*\/*`). */
  accepts?: readonly string[]
}

/** The default limit of `text`, `bytes` and `form`: 1 MiB. */
export const RAW_DEFAULT_LIMIT = 1024 * 1024

// One strict UTF-8 decoder for the bodies and parts that name no other charset (nearly all, JSON
// included): a new TextDecoder costs about as much as decoding a small value. `fatal` decoders
// can be reused after an error (WHATWG Encoding §7.2: a non-streaming decode resets it).
export const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * `decodeText(bytes, charset)` is `bytes` decoded in `charset` (UTF-8 when absent), a leading BOM
 * dropped. An unknown charset is a 415; bytes invalid in UTF-8 are a 400 `encoding`.
 */
export function decodeText(bytes: ByteSource, charset: string | undefined): string {
  return decodeWith(decoderFor(charset), bytes)
}

/** The strict decoder for `charset` (UTF-8 when absent), or a 415 for one the runtime lacks. */
function decoderFor(charset: string | undefined): TextDecoder {
  if (charset === undefined || /^utf-?8$/i.test(charset)) return utf8
  try {
    return new TextDecoder(charset, { fatal: true })
  } catch {
    throw unsupported(`unknown charset ${charset}`, { charset })
  }
}

/** `bytes` decoded by `decoder`, a leading BOM dropped; a 400 `encoding` when invalid. */
function decodeWith(decoder: TextDecoder, bytes: ByteSource): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw malformed('encoding', `the body is not valid ${decoder.encoding}`)
  }
}

/**
 * `text(options?)` is the body spec for a text body: the body decoded by its `charset` parameter
 * (UTF-8 by default; 415 for an unknown charset, before reading; 400 `encoding` for invalid
 * bytes), at most `limit` bytes (413 `bodySize`). It throws a `RangeError` when `limit` is not a
 * number >= 0.
 */
export function text(options: RawOptions = {}): BodySpec<string> {
  const limit = checkLimit('text limit', options.limit) ?? RAW_DEFAULT_LIMIT
  return {
    ...accepting(options.accepts ?? ['text/*']),
    parse(request, ctx) {
      let decoder: TextDecoder
      try {
        decoder = decoderFor(ctx.mediaParams.charset)
      } catch (error) {
        // Refused before reading, as json() and form() refuse a charset.
        cancelBody(request, error)
        return Promise.reject(error)
      }
      const use = (bytes: ByteSource) => decodeWith(decoder, bytes)
      return readFramed(request, limit, ctx, use) ?? readBody(request, limit, ctx).then(use)
    },
  }
}

/**
 * `bytes(options?)` is the body spec for a raw body: its bytes, at most `limit` (413 `bodySize`).
 * It accepts any media type, or none, unless `accepts` says otherwise. It throws a `RangeError`
 * when `limit` is not a number >= 0.
 */
export function bytes(options: RawOptions = {}): BodySpec<Uint8Array> {
  const limit = checkLimit('bytes limit', options.limit) ?? RAW_DEFAULT_LIMIT
  return {
    ...accepting(options.accepts ?? ['*/*']),
    parse: (request, ctx) => readBody(request, limit, ctx),
  }
}
