import type { FileSource, FileStat } from '@ferry/router'
import { HttpError } from '@ferry/router'
import { evaluatePreconditions, ifRangeAllows, notModifiedHeaders } from './conditional'
import { statETag } from './entity-tag'
import { formatHttpDate } from './http-date'
import { contentTypeOf } from './mime'
import { parseRange } from './range'
import { isSafeFilePath } from './static-path'

/** Options of `serveFile` (and `serveStatic`). */
export interface ServeFileOptions {
  /**
   * Index files tried, in order, for a directory: file names (no `/`, not starting with `.`;
   * `TypeError` otherwise). Default: `['index.html']`; `false` for none.
   */
  index?: readonly string[] | false
  /** `Cache-Control` for served files: a value, or a function of the file path. Default: none. */
  cacheControl?: string | ((path: string) => string | undefined)
  /** Extra extension → content type entries (`{ gltf: 'model/gltf+json' }`). */
  types?: Readonly<Record<string, string>>
}

/** Builds a response; `c.respond` in a layer. */
export type Respond = (body: BodyInit | null, init?: ResponseInit) => Response

/**
 * `serveFile(request, source, path, options)` is the response for GET or HEAD `request` of the
 * file at `path` in `source`, or `undefined` when there is no such file. `path` must be
 * normalised (see `resolveStaticPath`); anything `isSafeFilePath` refuses (dot segments,
 * dotfiles, backslashes, control characters) throws `HttpError(400)`. It sends a strong `ETag` (size and mtime), `Last-Modified`,
 * `Accept-Ranges: bytes` and `Content-Length`, and answers conditional requests with the same core
 * as `etag()` (304, or 412 problem+json), a single satisfiable `Range` with 206, an
 * unsatisfiable one with 416 problem+json and `Content-Range: bytes *\/size`, and HEAD with the
 * headers alone. A directory with an index file is served that file when requested with a
 * trailing slash, and redirected (308) to the slashed URL without one, so relative links in the
 * index file resolve; a directory without one is missing (`undefined`) either way.
 */
export async function serveFile(
  request: Request,
  source: FileSource,
  path: string,
  options: ServeFileOptions = {},
  respond: Respond = (body, init) => new Response(body, init),
): Promise<Response | undefined> {
  const index = checkIndex(options.index, 'serveFile()')
  if (!isSafeFilePath(path))
    throw new HttpError(400, { detail: 'the path is not a valid file path' })
  let stat = await source.stat(path)
  if (stat === undefined) return undefined
  let file = path
  if (stat.isDirectory) {
    // A directory without an index file is as good as missing, with or without its slash: a
    // redirect to the slashed URL would only lead to the same 404 (or the routes' answer).
    const found = await findIndex(source, path, index)
    if (found === undefined) return undefined
    const url = new URL(request.url)
    if (!url.pathname.endsWith('/')) {
      // No content, said so, so the HEAD of it says what its GET sends (RFC 9110 §8.6).
      return respond(null, {
        status: 308,
        headers: { location: `${url.pathname}/${url.search}`, 'content-length': '0' },
      })
    }
    ;[file, stat] = found
  } else if (new URL(request.url).pathname.endsWith('/')) {
    return undefined
  }

  const etag = statETag(stat.size, stat.mtimeMs)
  const validators = { etag, lastModified: stat.mtimeMs }
  const headers = new Headers({
    'content-type': contentTypeOf(file, options.types),
    etag,
    'last-modified': formatHttpDate(stat.mtimeMs),
    'accept-ranges': 'bytes',
  })
  const cache =
    typeof options.cacheControl === 'function' ? options.cacheControl(file) : options.cacheControl
  if (cache !== undefined) headers.set('cache-control', cache)

  const outcome = evaluatePreconditions(request, validators)
  if (outcome === 'not-modified')
    return respond(null, { status: 304, headers: notModifiedHeaders(headers) })
  if (outcome === 'failed') {
    throw new HttpError(412, { detail: 'a precondition in the request failed for this file' })
  }

  const head = request.method.toUpperCase() === 'HEAD'
  // RFC 9110 §14.2: GET is the only method with range handling; Range on a HEAD is ignored.
  const range =
    !head && ifRangeAllows(request, validators)
      ? parseRange(request.headers.get('range'), stat.size)
      : { kind: 'none' as const }
  if (range.kind === 'unsatisfiable') {
    throw new HttpError(416, {
      detail: `the requested range is outside the file's ${stat.size} bytes`,
      headers: { 'content-range': `bytes */${stat.size}` },
    })
  }
  const part = range.kind === 'range' ? range.range : undefined
  if (part) {
    headers.set('content-range', `bytes ${part.start}-${part.end}/${stat.size}`)
    headers.set('content-length', String(part.end - part.start + 1))
  } else {
    headers.set('content-length', String(stat.size))
  }
  let body: ReadableStream<Uint8Array> | null = null
  // The whole file is read as the range of bytes `stat` counted: a file that grew since is sent
  // as long as its Content-Length says (a shorter one still cuts the answer short, and the
  // adapters close the connection then).
  const bytes = part ?? (stat.size > 0 ? { start: 0, end: stat.size - 1 } : undefined)
  if (!head && bytes) {
    try {
      body = await source.read(file, bytes)
    } catch {
      // The file went away between stat and read: as good as missing.
      return undefined
    }
  }
  return respond(body, { status: part ? 206 : 200, headers })
}

/**
 * `checkIndex(index, by)` is `index` (default `['index.html']`) once every name in it is checked
 * to be one file name that `isSafeFilePath` allows: a name such as `../x`, `a/b` or `.env` would
 * reach the source as a path no request may name. Throws `TypeError` naming `by` otherwise.
 */
export function checkIndex(
  index: readonly string[] | false | undefined,
  by: string,
): readonly string[] | false {
  if (index === undefined) return ['index.html']
  if (index === false) return false
  for (const name of index) {
    if (
      typeof name !== 'string' ||
      name === '' ||
      name.includes('/') ||
      !isSafeFilePath(`/${name}`)
    ) {
      throw new TypeError(
        `${by}: index names are file names (no "/", not starting with "."), got ${JSON.stringify(name)}`,
      )
    }
  }
  return index
}

async function findIndex(
  source: FileSource,
  dir: string,
  index: readonly string[] | false,
): Promise<[string, FileStat] | undefined> {
  if (index === false) return undefined
  for (const name of index) {
    const path = `${dir.endsWith('/') ? dir : `${dir}/`}${name}`
    const stat = await source.stat(path)
    if (stat !== undefined && !stat.isDirectory) return [path, stat]
  }
  return undefined
}
