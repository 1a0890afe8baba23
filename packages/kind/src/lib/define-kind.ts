import { KindDefinitionError, KindEncodeError } from './errors.js'
import { toHref } from './href.js'
import { METHOD_TOKEN, normalizeMethods } from './method.js'
import { badRequest } from './problem.js'
import { setAside } from './thenable.js'
import type { Bare, Decoded, EncodedBare, Kind } from './types.js'

/** What `defineKind` needs: a name, the two directions, and where the root sits. */
export interface KindDefinition<T> {
  /** The kind's name, for errors and the route inventory. */
  readonly name: string
  /**
   * Methods the kind answers; empty, absent or holding `*` means any. Each is a token (RFC 9110
   * §9.1): `KindDefinitionError` otherwise.
   */
  readonly methods?: readonly string[]
  /**
   * The bare request for `v`; it must decode back to `v`. Its path has at least one segment: the
   * root is `['']` (an empty path throws `KindEncodeError`).
   */
  encode(v: T): { method?: string; path: readonly string[]; query?: URLSearchParams }
  /**
   * The outcome for `b`: a value, `undefined` for "not mine", or `reject(response)` for "mine, but
   * answer now". It may throw: a throw counts as "not mine". A value shaped like an outcome
   * (`{ outcome: 'none' }`) is read as one: return `match(v)` for such values.
   */
  decode(b: Bare): T | undefined | Decoded<T>
  /**
   * Whether the kind's root (`path` `['']`) is a directory, `/prefix/` once mounted, or a file,
   * `/prefix`. Defaults to `'file'`.
   */
  readonly rootIs?: 'dir' | 'file'
}

/** `match(v)`, `none` and `reject(response)` build the three outcomes of a decode. */
export const match = <T>(value: T): Decoded<T> => ({ outcome: 'match', value })
export const none: Decoded<never> = { outcome: 'none' }
export const reject = (response: Response | string): Decoded<never> => ({
  outcome: 'reject',
  response: typeof response === 'string' ? badRequest(response) : response,
})

// Exactly the shapes `match`, `none` and `reject` build: a value that merely has an `outcome`
// field (`{ outcome: 'win' }`) is a value, not an outcome.
function isDecoded(x: unknown): x is Decoded<unknown> {
  if (typeof x !== 'object' || x === null || !('outcome' in x)) return false
  const keys = Object.keys(x).length
  switch (x.outcome) {
    case 'none':
      return keys === 1
    case 'match':
      return keys === 2 && 'value' in x
    case 'reject':
      return keys === 2 && 'response' in x && x.response instanceof Response
    default:
      return false
  }
}

/**
 * `defineKind(def)` is a custom kind for URL schemes no pattern expresses. Its decode never throws:
 * a throw in `def.decode` is "not mine".
 */
export function defineKind<T>(def: KindDefinition<T>): Kind<T> {
  const listed = def.methods ?? []
  // As a pattern kind reads them (`kind(['GET', '*'], path)`): `*` is any method, and what is no
  // token (RFC 9110 §9.1) is a slip no request would ever match.
  for (const m of listed) {
    if (!METHOD_TOKEN.test(m))
      throw new KindDefinitionError(
        `${JSON.stringify(m)} is not a method token in custom kind "${def.name}"`,
      )
  }
  const methods = listed.includes('*') ? [] : normalizeMethods(listed)
  const encode = (v: T): EncodedBare => {
    const e = def.encode(v)
    // `joinPath([])` is `/`, which every URL parser reads back as [''] (see Bare): the href
    // would decode to something else.
    if (e.path.length === 0) {
      throw new KindEncodeError(`kind "${def.name}" encoded the path []: the root is [""]`)
    }
    return {
      method: e.method ?? methods[0] ?? 'GET',
      path: e.path,
      query: e.query ?? new URLSearchParams(),
    }
  }
  return {
    name: def.name,
    methods,
    rootIs: def.rootIs ?? 'file',
    encode,
    decode(b) {
      try {
        const out = def.decode(b)
        if (out === undefined) return none
        // An async decode (untyped code) answers a promise: no value.
        if (setAside(out)) return none
        return isDecoded(out) ? (out as Decoded<T>) : match(out as T)
      } catch {
        return none
      }
    },
    href(v) {
      const e = encode(v)
      return toHref(e.path, e.query)
    },
  }
}
