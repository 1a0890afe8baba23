import { malformed, unsupported } from './errors.js'
import { cancelBody } from './read-body.js'

// RFC 2046 §5.1.1: 1 to 70 characters from bchars, not ending in a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/**
 * `boundaryOf(request, mediaType, params)` is the boundary of `request`'s multipart/form-data
 * type; otherwise it cancels the body, which nothing can read, and throws a 415 (another type) or
 * a 400 `boundary`.
 */
export function boundaryOf(
  request: Request,
  mediaType: string,
  params: Readonly<Record<string, string>>,
): string {
  const boundary = params.boundary
  if (mediaType === 'multipart/form-data' && boundary !== undefined && BOUNDARY.test(boundary)) {
    return boundary
  }
  const error =
    mediaType !== 'multipart/form-data'
      ? unsupported(`expected multipart/form-data, got ${mediaType || 'no Content-Type'}`)
      : malformed('boundary', 'the Content-Type has no valid boundary parameter (RFC 2046 §5.1.1)')
  cancelBody(request, error)
  throw error
}
