import { show } from './codec.js'
import { KindDefinitionError, KindEncodeError } from './errors.js'
import { setAside } from './thenable.js'
import type { Codec } from './types.js'

/** One problem a schema reports (Standard Schema v1, standardschema.dev). */
export interface RefineIssue {
  readonly message: string
}

/** What a schema's `validate` answers: the value it accepted, or the issues it found. */
export interface RefineResult {
  readonly value?: unknown
  readonly issues?: ReadonlyArray<RefineIssue> | undefined
}

/**
 * A check `refine` accepts: any Standard Schema v1 (valibot, zod, arktype) that validates
 * synchronously and takes the codec's values. Declared here so that @ferry/kind needs no package;
 * only the members `refine` reads.
 */
export interface RefineSchema<T> {
  readonly '~standard': {
    readonly validate: (value: unknown) => RefineResult | Promise<RefineResult>
    readonly types?: { readonly input: T } | undefined
  }
}

// The input type a schema declares: `unknown` when it declares none. (`types` is optional, so
// its `undefined` is removed before the input is read.)
type InputOf<S> = S extends { readonly '~standard': { readonly types?: infer X } }
  ? NonNullable<X> extends { readonly input: infer I }
    ? I
    : unknown
  : unknown

/**
 * A schema whose input is related to `T`, the codec's values: as wide (a union, `unknown`) or
 * narrower (a literal of an `oneOf`). Otherwise `RefineSchema<T>`, so that the type error says
 * which input was expected (`refine(int, v.string())`).
 */
type Refining<S, T> = [T] extends [InputOf<S>]
  ? unknown
  : [InputOf<S>] extends [T]
    ? unknown
    : RefineSchema<T>

/**
 * `refine(codec, schema, name)` is `codec` narrowed to the values `schema` accepts (DESIGN §2: a
 * schema may refine a codec, never replace its encode). A string whose value the schema refuses
 * decodes as no value: a 404 for a capture, as `/posts/007` is, and a 400 for a query value.
 * `href` and `encode` throw a `KindEncodeError` with the schema's message for such a value (or
 * the message of what it threw), so no link leads where its kind would refuse it. The schema
 * only checks: its output (a transform, a default) is not used, so the value is the codec's, of
 * the codec's type, and `encode` stays canonical. `name` (in errors and the route list) defaults
 * to `refined <codec name>`.
 *
 * Throws `KindDefinitionError` for a schema that is no Standard Schema, or one that validates
 * asynchronously (a URL is decoded synchronously); `encode` throws it too for a schema that turns
 * out to be asynchronous only for some values (zod runs an async `refine` only on values of the
 * right type), and `decode` reads such values as no value.
 */
export function refine<T, S extends RefineSchema<any>>(
  codec: Codec<T>,
  schema: S & Refining<S, NoInfer<T>>,
  name = `refined ${codec.name}`,
): Codec<T> {
  const std = schema?.['~standard']
  if (typeof std?.validate !== 'function')
    throw new KindDefinitionError(`refine(${codec.name}): the schema is no Standard Schema`)
  // An asynchronous schema (valibot's `*Async`, a zod `refine` returning a promise) answers with
  // a promise for any value: found here rather than on the first request.
  const issuesOf = (v: unknown): ReadonlyArray<RefineIssue> | undefined => {
    // Called on `std`, as a method: a schema may be a class instance that reads `this`.
    const result: unknown = std.validate(v)
    // Any thenable (see `setAside`): read as a result, it would have no issues and accept every
    // value.
    if (setAside(result)) {
      throw new KindDefinitionError(`refine(${codec.name}): the schema validates asynchronously`)
    }
    if (typeof result !== 'object' || result === null)
      throw new KindDefinitionError(`refine(${codec.name}): the schema answered ${show(result)}`)
    return (result as RefineResult).issues
  }
  try {
    issuesOf(undefined)
  } catch (e) {
    // Only the asynchronous answer is a definition error: a synchronous schema may well throw for
    // `undefined`, a value no codec decodes to.
    if (e instanceof KindDefinitionError) throw e
  }
  return {
    name,
    decode(s) {
      const v = codec.decode(s)
      if (v === undefined) return undefined
      try {
        return issuesOf(v) === undefined ? v : undefined
      } catch {
        // A schema that throws (or turned asynchronous) has not accepted the value.
        return undefined
      }
    },
    encode(v) {
      let issues: ReadonlyArray<RefineIssue> | undefined
      try {
        issues = issuesOf(v)
      } catch (e) {
        if (e instanceof KindDefinitionError) throw e
        // The schema's own throw is its way of refusing: href callers catch KindEncodeError.
        issues = [{ message: e instanceof Error ? e.message : show(e) }]
      }
      if (issues !== undefined) {
        const why = issues.map((i) => i.message).join('; ')
        throw new KindEncodeError(`${name} cannot encode ${show(v)}: ${why}`)
      }
      return codec.encode(v)
    },
  }
}
