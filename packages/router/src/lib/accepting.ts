import { HttpError } from './http-error.js'
import { type MediaType, mediaTypeMatches, parseMediaType } from './media-type.js'

/** The Content-Type side of a body spec, as `accepting` builds it (see `BodySpec`). */
export interface Accepting {
  /** The media type patterns accepted, as given (see `BodySpec.accepts`). */
  readonly accepts: readonly string[]
  /**
   * `contentType(request)` is the media type of `request`'s body when the spec accepts its
   * Content-Type, or the 415 `HttpError` to answer (see `BodySpec.contentType`).
   */
  contentType(request: Request): MediaType | HttpError
}

// What a request without a Content-Type stands for when `*/*` accepts it.
const NO_TYPE: MediaType = Object.freeze({ essence: '', params: Object.freeze({}) })

// `type/subtype`, `type/*`, `*/*+suffix` or `*/*`, in lower case (RFC 9110 §8.3.1, RFC 6838 §4.2.8).
const PATTERN = /^(?:[a-z0-9!#$&^_.+-]+\/(?:[a-z0-9!#$&^_.+-]+|\*)|\*\/\*(?:\+[a-z0-9!#$&^_.-]+)?)$/

/**
 * `accepting(types)` is the `accepts` list and `contentType` check of a body spec that accepts
 * the media type patterns `types`: exact (`application/json`), `type/*`, `*\/*+json` (any type
 * with that structured syntax suffix) or `*\/*` (anything, including no Content-Type). Spread it
 * into the spec: `{ ...accepting(['application/json']), parse }`. Throws a `TypeError` for an
 * empty list or a pattern of another form (upper case included).
 */
export function accepting(types: readonly string[]): Accepting {
  if (types.length === 0) throw new TypeError('accepting() needs at least one media type')
  for (const t of types) {
    if (!PATTERN.test(t)) {
      throw new TypeError(
        `accepting() takes lower-case "type/subtype", "type/*", "*/*+suffix" or "*/*", got ${JSON.stringify(t)}`,
      )
    }
  }
  const any = types.includes('*/*')
  return {
    accepts: types,
    contentType(request) {
      const header = request.headers.get('content-type')
      const media = parseMediaType(header)
      if (media ? types.some((t) => mediaTypeMatches(media.essence, t)) : header === null && any) {
        return media ?? NO_TYPE
      }
      const list = types.join(', ')
      const method = request.method
      return new HttpError(415, {
        // A malformed header (a parameter named twice, no subtype) is named as such: the client
        // may have sent the right type and only spelled it wrong.
        detail:
          header === null
            ? 'the request has no Content-Type'
            : `Content-Type "${header}" is ${media ? 'not accepted here' : 'not a valid media type'}`,
        accepts: types,
        // RFC 5789 §3.1 (Accept-Patch) and the Accept-Post field say what would have worked.
        headers:
          method === 'PATCH'
            ? { 'accept-patch': list }
            : method === 'POST'
              ? { 'accept-post': list }
              : undefined,
      })
    },
  }
}
