import {
  type EntityTag,
  parseEntityTag,
  parseEntityTagList,
  strongMatch,
  weakMatch,
} from './entity-tag'
import { parseHttpDate } from './http-date'

/** The validators of the selected representation, as RFC 9110 §8.8 names them. */
export interface Validators {
  /** The representation's `ETag` field value (`"abc"` or `W/"abc"`), when it has one. */
  readonly etag?: string | undefined
  /** The representation's last modification time in milliseconds since the epoch, when known. */
  readonly lastModified?: number | undefined
  /**
   * Whether the target has a current representation, which is what `*` in `If-Match` and
   * `If-None-Match` asks. Default: whether it has an `etag` or a `lastModified`.
   */
  readonly exists?: boolean | undefined
}

/**
 * The outcome of evaluating a request's preconditions: go on with the request, answer
 * `304 Not Modified`, or answer `412 Precondition Failed`.
 */
export type Precondition = 'proceed' | 'not-modified' | 'failed'

const matchesAny = (
  list: '*' | EntityTag[],
  current: EntityTag | undefined,
  compare: (a: EntityTag, b: EntityTag) => boolean,
): boolean =>
  list === '*'
    ? current !== undefined
    : current !== undefined && list.some((t) => compare(t, current))

/**
 * `evaluatePreconditions(request, validators)` is what RFC 9110 §13.2.2 says to do with the
 * request's `If-Match`, `If-Unmodified-Since`, `If-None-Match` and `If-Modified-Since` fields for a
 * representation with `validators`, evaluated in that order of precedence:
 *
 * 1. `If-Match` (strong comparison) fails → `failed`; when it is present `If-Unmodified-Since` is
 *    ignored.
 * 2. `If-Unmodified-Since` earlier than the last modification → `failed`.
 * 3. `If-None-Match` (weak comparison) matches → `not-modified` for GET/HEAD, `failed` otherwise;
 *    when it is present `If-Modified-Since` is ignored.
 * 4. GET/HEAD with `If-Modified-Since` not earlier than the last modification → `not-modified`.
 *
 * Malformed fields and invalid dates are ignored, as §13.1 requires. The caller evaluates only
 * when the response would otherwise be a 2xx (§13.2.1). `'*'` matches any current representation,
 * so pass `{}` when the target has none, and `exists: true` for one without validators.
 */
export function evaluatePreconditions(request: Request, validators: Validators): Precondition {
  const h = request.headers
  const method = request.method.toUpperCase()
  const current = validators.etag === undefined ? undefined : parseEntityTag(validators.etag)
  const exists =
    validators.exists ?? (current !== undefined || validators.lastModified !== undefined)
  const modified =
    validators.lastModified === undefined
      ? undefined
      : Math.floor(validators.lastModified / 1000) * 1000

  const ifMatch = h.get('if-match')
  const ifMatchList = ifMatch === null ? undefined : parseEntityTagList(ifMatch)
  if (ifMatchList !== undefined) {
    const ok = ifMatchList === '*' ? exists : matchesAny(ifMatchList, current, strongMatch)
    if (!ok) return 'failed'
  } else {
    const since = parseHttpDate(h.get('if-unmodified-since'))
    if (since !== undefined && modified !== undefined && modified > since) return 'failed'
  }

  const ifNoneMatch = h.get('if-none-match')
  const ifNoneMatchList = ifNoneMatch === null ? undefined : parseEntityTagList(ifNoneMatch)
  const safe = method === 'GET' || method === 'HEAD'
  if (ifNoneMatchList !== undefined) {
    const matched =
      ifNoneMatchList === '*' ? exists : matchesAny(ifNoneMatchList, current, weakMatch)
    if (matched) return safe ? 'not-modified' : 'failed'
  } else if (safe) {
    const since = parseHttpDate(h.get('if-modified-since'))
    if (since !== undefined && modified !== undefined && modified <= since) return 'not-modified'
  }
  return 'proceed'
}

/**
 * `ifRangeAllows(request, validators)` is whether a `Range` in `request` may be honoured
 * (RFC 9110 §13.1.5): yes without `If-Range`; with an entity tag, only when it strongly matches;
 * with a date, only when it equals the last modification time exactly. Anything else means "send
 * the whole representation".
 */
export function ifRangeAllows(request: Request, validators: Validators): boolean {
  const value = request.headers.get('if-range')
  if (value === null) return true
  const trimmed = value.trim()
  if (trimmed.startsWith('"') || trimmed.startsWith('W/')) {
    const tag = parseEntityTag(trimmed)
    const current = validators.etag === undefined ? undefined : parseEntityTag(validators.etag)
    return tag !== undefined && current !== undefined && strongMatch(tag, current)
  }
  const date = parseHttpDate(trimmed)
  if (date === undefined || validators.lastModified === undefined) return false
  return Math.floor(validators.lastModified / 1000) * 1000 === date
}

/** Headers a 304 keeps from the 200 it stands for (RFC 9110 §15.4.5), plus `Last-Modified`. */
export const NOT_MODIFIED_HEADERS = [
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'last-modified',
  'vary',
] as const

/**
 * `notModifiedHeaders(headers)` is the subset of `headers` a 304 response carries: the fields
 * above, and every `Set-Cookie`. A cookie is no representation metadata but a change of state
 * made while answering (a refreshed session): dropping it with the body would lose it.
 */
export function notModifiedHeaders(headers: Headers): Headers {
  const out = new Headers()
  for (const name of NOT_MODIFIED_HEADERS) {
    const value = headers.get(name)
    if (value !== null) out.set(name, value)
  }
  for (const cookie of headers.getSetCookie()) out.append('set-cookie', cookie)
  return out
}
