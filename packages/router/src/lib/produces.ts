import { HttpError } from './http-error.js'
import { acceptable } from './negotiate.js'

/** What a route produces, as `produces` builds it (the route option `produces`). */
export interface Produces {
  /** The media types, as given. */
  readonly types: readonly string[]
  /** `check(request)` is the 406 `HttpError` when `request`'s `Accept` refuses every type. */
  check(request: Request): HttpError | undefined
}

const TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/

/**
 * `produces(...types)` is the route option saying which media types a route answers with: the
 * router checks the request's `Accept` against them at step 5 and answers 406 when it refuses
 * them all (`.route(Report, { produces: produces('text/csv') }, ...)`). Throws a `TypeError` for
 * no type or one that is not a lower-case `type/subtype`.
 */
export function produces(...types: string[]): Produces {
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
  }
}
