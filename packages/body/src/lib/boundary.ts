import { malformed, unsupported } from './errors.js'

// RFC 2046 §5.1.1: 1 to 70 characters from bchars, not ending in a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/** `boundaryOf(mediaType, params)` is the boundary of a multipart/form-data type, or throws. */
export function boundaryOf(mediaType: string, params: Readonly<Record<string, string>>): string {
  if (mediaType !== 'multipart/form-data') {
    throw unsupported(`expected multipart/form-data, got ${mediaType || 'no Content-Type'}`)
  }
  const boundary = params.boundary
  if (boundary === undefined || !BOUNDARY.test(boundary)) {
    throw malformed(
      'boundary',
      'the Content-Type has no valid boundary parameter (RFC 2046 §5.1.1)',
    )
  }
  return boundary
}
