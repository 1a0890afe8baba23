import { HttpError } from './http-error.js'
import { acceptable } from './negotiate.js'

/** What a route produces, as `produces` builds it (the route option `produces`). */
export interface Produces {
  /** The media types, as given. */
  readonly types: readonly string[]
  /** `check(request)` is the 406 `HttpError` when `request`'s `Accept` refuses every type. */
  check(request: Request): HttpError | undefined
  /**
   * `vary(response)` is `response` with `Accept` added to its `Vary` (RFC 9110 §12.5.5) unless
   * it is listed there already, `Vary` is `*` or the headers are immutable. The router calls it
   * on every answer given after a `check` ran (none when absent).
   */
  vary?(response: Response): Response
}

const TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/

/**
 * `produces(...types)` is the route option saying which media types a route answers with: the
 * router checks the request's `Accept` against them at step 5 and answers 406 when it refuses
 * them all (`.route(Report, { produces: produces('text/csv') }, ...)`). Throws a `TypeError` for
 * no type or one that is not a lower-case `type/subtype`.
 */
export function produces(...types: [string, ...string[]]): Produces {
  if (types.length === 0) throw new TypeError('produces() needs at least one media type')
  for (const t of types) {
    if (!TYPE.test(t)) {
      throw new TypeError(`produces() takes lower-case "type/subtype", got ${JSON.stringify(t)}`)
    }
  }
  return {
    types,
    check(request) {
      if (acceptable(request.headers.get('accept'), types)) return undefined
      return new HttpError(406, {
        detail: `this resource is available as ${types.join(', ')}`,
        produces: types,
      })
    },
    vary,
  }
}

// `Accept` or `*` as a member of a Vary list.
const LISTED = /(?:^|,)\s*(?:accept|\*)\s*(?:,|$)/i

function vary(response: Response): Response {
  const headers = response.headers
  try {
    if (!LISTED.test(headers.get('vary') ?? '')) headers.append('vary', 'Accept')
  } catch {
    // Immutable headers (`Response.redirect()`, a fetched Response passed on): what the handler
    // sent stands.
  }
  return response
}
