import { parseMediaType } from '@ferry/router'
import type { MultipartLimits } from './limits.js'
import { boundaryOf } from './boundary.js'
import { unsupported } from './errors.js'
import { createMultipartReader, type MultipartReader } from './multipart-reader.js'
import { cancelBody } from './read-body.js'

/**
 * `parseMultipart(request, limits?)` is a `MultipartReader` over `request`'s multipart/form-data
 * body: its parts in arrival order, read from the request only as they are consumed.
 *
 * It throws at once a 415 `HttpError` when the Content-Type is not multipart/form-data, a 400
 * when it has no valid boundary, and a 413 when `Content-Length` is over `limits.bodySize`, each
 * after cancelling the request body;
 * reading then throws 400 for a malformed body and 413 for a limit, after cancelling the request.
 * When `request.signal` aborts (the client went away), reading fails with its reason.
 */
export function parseMultipart(request: Request, limits?: MultipartLimits): MultipartReader {
  const header = request.headers.get('content-type')
  const media = parseMediaType(header)
  if (media === undefined && header !== null) {
    // Say what is wrong with the header there is (a parameter twice, RFC 6838 §4.3, or no
    // type/subtype), rather than that there is none.
    const error = unsupported(`Content-Type "${header}" is not a valid media type`)
    cancelBody(request, error)
    throw error
  }
  const boundary = boundaryOf(request, media?.essence ?? '', media?.params ?? {})
  return createMultipartReader(request, boundary, limits, { signal: request.signal })
}
