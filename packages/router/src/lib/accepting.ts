import { type MediaType, mediaTypeMatches, parseMediaType } from './media-type.js'

/** The Content-Type side of a body spec, as `accepting` builds it (see `BodySpec`). */
export interface Accepting {
  /** The media type patterns accepted, as given (see `BodySpec.accepts`). */
  readonly accepts: readonly string[]
  /**
   * `contentType(header)` is the media type of a request whose Content-Type value `header`
   * (`null` when absent) the spec accepts, or `undefined` when it does not (the router's 415).
   */
  contentType(header: string | null): MediaType | undefined
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
    contentType(header) {
      const media = parseMediaType(header)
      if (media) return types.some((t) => mediaTypeMatches(media.essence, t)) ? media : undefined
      return header === null && any ? NO_TYPE : undefined
    },
  }
}
