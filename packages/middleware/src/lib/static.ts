import type { BaseContext, FileSource, Layer } from '@ferry/router'
import { answer, answerError } from './answer'
import { type ServeFileOptions, checkIndex, serveFile } from './serve-file'
import { resolveStaticPath } from './static-path'

/** Options of `serveStatic()`. */
export interface ServeStaticOptions extends ServeFileOptions {
  /** The URL path the files are served under (`/assets`). Default: `/`. */
  prefix?: string
  /**
   * When a file is not there (or is a dotfile), let the request go on to the routes (`true`) or
   * answer 404 problem+json (`false`). Default: `true`.
   */
  fallthrough?: boolean
}

/**
 * `serveStatic(source, options)` is a layer serving the files of `source` for GET and HEAD
 * requests under `prefix` (see `serveFile` for ETag, conditional requests, ranges and HEAD).
 * Paths are decoded segment by segment and refused with 400 problem+json when they try to leave
 * the root or carry bytes no file name should (`..` in any encoding, `%2F`, backslashes, NUL and
 * other control characters, invalid UTF-8, empty segments). Dotfiles are never served. Other
 * methods pass through, or get 405 with `Allow: GET, HEAD` when `fallthrough` is `false`.
 */
export function serveStatic(source: FileSource, options: ServeStaticOptions = {}): Layer {
  const written = (options.prefix ?? '/').replace(/\/+$/, '')
  if (written !== '' && !/^\/[^?#]*$/.test(written)) {
    throw new TypeError(
      `serveStatic(): prefix must be a path starting with "/", got ${JSON.stringify(options.prefix)}`,
    )
  }
  // Compared with request paths, which arrive percent-encoded: encode it the way the URL parser
  // encodes them (a space or `ü` written in the prefix, `%20` or `%C3%BC` in the request).
  const prefix =
    written === '' ? '' : new URL(written, 'http://prefix.invalid').pathname.replace(/\/+$/, '')
  const fallthrough = options.fallthrough ?? true
  checkIndex(options.index, 'serveStatic()')
  const notFound = (c: BaseContext) => answer(c, 404, { detail: 'there is no file at this path' })

  return async (c, next) => {
    const raw = new URL(c.request.url).pathname
    // Escapes are case-insensitive (RFC 3986 §6.2.2.1): `%c3%bc` is the prefix's `%C3%BC`.
    const pathname =
      prefix !== '' && raw.includes('%')
        ? raw.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase())
        : raw
    if (prefix !== '' && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return next()
    const method = c.request.method.toUpperCase()
    if (method !== 'GET' && method !== 'HEAD') {
      if (fallthrough) return next()
      return answer(c, 405, {
        detail: `files are read with GET or HEAD, not ${c.request.method}`,
        headers: { allow: 'GET, HEAD' },
      })
    }
    const resolved = resolveStaticPath(pathname.slice(prefix.length))
    if (!resolved.ok) {
      if (resolved.reason === 'bad')
        return answer(c, 400, { detail: 'the path is not a valid file path' })
      if (fallthrough) return next()
      return notFound(c)
    }
    let res: Response | undefined
    try {
      res = await serveFile(c.request, source, resolved.path, options, (body, init) =>
        c.respond(body, init),
      )
    } catch (e) {
      // serveFile throws HttpError (412, 416) for handlers; a layer answers it directly.
      return answerError(c, e)
    }
    if (res !== undefined) return res
    if (fallthrough) return next()
    return notFound(c)
  }
}
