import { KindEncodeError } from './errors.js'

// Characters of RFC 3986 `pchar` that the WHATWG URL parser leaves alone in a path, other than the
// unreserved ones: sub-delims, ':' and '@'. encodeURIComponent escapes these; we put them back so
// hrefs stay readable (`/users/a+b@x`), since a path segment may hold them literally.
const KEEP = /%(?:24|26|2B|2C|3B|3D|3A|40)/g
const SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/

/**
 * `encodeSegment(s)` is the canonical path-segment form of `s`: every character outside RFC 3986
 * `pchar` percent-encoded as UTF-8 with upper-case hex (so `/` becomes `%2F` and `%` becomes `%25`).
 * Throws `KindEncodeError` for a string with a lone surrogate, which no URL can carry.
 */
export function encodeSegment(s: string): string {
  if (SAFE.test(s)) return s
  let e: string
  try {
    e = encodeURIComponent(s)
  } catch {
    throw new KindEncodeError(`cannot encode ${JSON.stringify(s)}: it is not well-formed Unicode`)
  }
  // Each kept escape is one ASCII character: decoding it alone cannot throw.
  return e.replace(KEEP, decodeURIComponent)
}

/**
 * `decodeSegment(raw)` is the string a raw path segment stands for, or `undefined` when it holds a
 * malformed escape (`%zz`, a truncated `%4`, or bytes that are not UTF-8).
 */
export function decodeSegment(raw: string): string | undefined {
  if (raw.indexOf('%') === -1) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return undefined
  }
}

/**
 * `splitPath(pathname)` is the list of decoded segments of a URL path (`/a/b%2Fc` is
 * `['a', 'b/c']`, `/` is `['']`), or `undefined` when a segment holds a malformed escape.
 */
export function splitPath(pathname: string): string[] | undefined {
  const raw = pathname.split('/')
  // A path starts with '/', so raw[0] is the empty string before it.
  raw.shift()
  for (let i = 0; i < raw.length; i++) {
    const d = decodeSegment(raw[i]!)
    if (d === undefined) return undefined
    raw[i] = d
  }
  return raw
}

/**
 * `joinPath(segments)` is the canonical path of decoded `segments` (`['']` is `/`). Throws
 * `KindEncodeError` when the first of several segments is empty: `//host` would be read as another
 * host by browsers and URL parsers (an open redirect). `.` and `..` segments are written as they
 * are (a URL parser would resolve them): kinds refuse them in hrefs (see `toHref`).
 */
export function joinPath(segments: readonly string[]): string {
  if (segments.length > 1 && segments[0] === '') {
    throw new KindEncodeError('a path cannot start with an empty segment ("//" names a host)')
  }
  let out = ''
  for (const s of segments) out += '/' + encodeSegment(s)
  return out === '' ? '/' : out
}

/**
 * Whether `s` can stand alone as a path segment value. The WHATWG URL parser removes `.` and `..`
 * segments (also written `%2e`), so they cannot reach a server; an empty capture would turn the
 * URL into a different path.
 */
export function isSegmentValue(s: string): boolean {
  return s !== '' && s !== '.' && s !== '..'
}
