import { KindEncodeError } from './errors.js'
import type { Codec, QueryCodec, RestCodec } from './types.js'

/** The value an optional query codec holds, with or without a default. */
type OptionalValue<T, D> = [D] extends [undefined] ? T | undefined : T

/**
 * `optional(c, default?)` reads a query key that may be absent: its value is `default` (or
 * `undefined`) then (one shared value: do not mutate a `Date` default). Encoding the default leaves the key out. A key given twice is a 400. Throws `c`'s
 * `KindEncodeError` for a default `c` cannot encode.
 */
export function optional<T, const D extends T | undefined = undefined>(
  c: Codec<T>,
  fallback?: D,
): QueryCodec<OptionalValue<T, D>> & {
  readonly optional: true
  readonly defaulted: [D] extends [undefined] ? false : true
} {
  // The default's canonical form, once: encode compares with it, and decode reads it back.
  // Encoded at definition, so a default the codec refuses throws its KindEncodeError here.
  const form = fallback === undefined ? undefined : c.encode(fallback as T)
  return {
    name: `optional(${c.name})`,
    optional: true,
    defaulted: (fallback !== undefined) as [D] extends [undefined] ? false : true,
    decode(values) {
      if (values.length === 0) return { value: fallback as OptionalValue<T, D> }
      if (values.length > 1) return undefined
      const v = c.decode(values[0]!)
      return v === undefined ? undefined : { value: v }
    },
    encode(v) {
      if (v === undefined) return []
      const e = c.encode(v as T)
      return e === form ? [] : [e]
    },
  }
}

/** `list(c)` reads every value of a repeated query key (`?tag=a&tag=b`), in order; absent is `[]`. */
export function list<T>(
  c: Codec<T>,
): QueryCodec<T[]> & { readonly optional: true; readonly defaulted: true } {
  return {
    name: `list(${c.name})`,
    optional: true,
    defaulted: true,
    decode(values) {
      const out: T[] = []
      for (const s of values) {
        const v = c.decode(s)
        if (v === undefined) return undefined
        out.push(v)
      }
      return { value: out }
    },
    encode(v) {
      if (!Array.isArray(v)) throw new KindEncodeError(`list(${c.name}) encodes an array`)
      // Array.from, not map: map skips the holes of a sparse array, which then reach the query as
      // "undefined"; here each is given to `c`, which refuses it.
      return Array.from(v, (x) => c.encode(x))
    },
  }
}

/** `one(c)` is how a plain codec reads a query key: exactly one value must be present. */
export function one<T>(c: Codec<T>): QueryCodec<T> {
  return {
    name: c.name,
    optional: false,
    decode(values) {
      if (values.length !== 1) return undefined
      const v = c.decode(values[0]!)
      return v === undefined ? undefined : { value: v }
    },
    encode: (v) => [c.encode(v)],
  }
}

/**
 * `rest` is a rest capture (`*path`) as its list of decoded segments: `/files/a/b%2Fc` gives
 * `['a', 'b/c']`, `/files` gives `[]`, and `/files/` gives `['']`. Segments `.` and `..` cannot
 * travel in a URL, so they are refused.
 */
export const rest: RestCodec<string[]> = {
  name: 'rest',
  rest: true,
  decode: (segments) => (segments.some(isDot) ? undefined : segments.slice()),
  encode(v) {
    // Untyped callers may hand over null or [1, null]: never write "null" as a segment. for-of, as
    // it visits the holes of a sparse array (`new Array(2)`) that `some` skips and joinPath would
    // write "undefined". What is no array is read as one item that is no string (0).
    for (const s of Array.isArray(v) ? v : [0])
      if (typeof s !== 'string') throw new KindEncodeError('rest encodes an array of strings')
    if (v.some(isDot)) throw new KindEncodeError('a rest segment cannot be "." or ".."')
    return v
  },
}

function isDot(s: string): boolean {
  return s === '.' || s === '..'
}
