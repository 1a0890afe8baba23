import { show } from './codec.js'
import { KindDefinitionError, KindEncodeError } from './errors.js'
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

/**
 * `refine(codec, schema, name)` is `codec` narrowed to the values `schema` accepts (DESIGN §2: a
 * schema may refine a codec, never replace its encode). A string whose value the schema refuses
 * decodes as no value: a 404 for a capture, as `/posts/007` is, and a 400 for a query value.
 * `href` and `encode` throw a `KindEncodeError` with the schema's message for such a value, so no
 * link leads where its kind would refuse it. The schema only checks: its output (a transform, a
 * default) is not used, so the value is the codec's and `encode` stays canonical. `name` (in
 * errors and the route list) defaults to `refined <codec name>`.
 *
 * Throws `KindDefinitionError` for a schema that is no Standard Schema, or one that validates
 * asynchronously (a URL is decoded synchronously); `encode` throws it too for a schema that turns
 * out to be asynchronous only for some values.
 */
export function refine<T>(
  codec: Codec<T>,
  schema: RefineSchema<T>,
  name = `refined ${codec.name}`,
): Codec<T> {
  const validate = schema?.['~standard']?.validate
  if (typeof validate !== 'function')
    throw new KindDefinitionError(`refine(${codec.name}): the schema is no Standard Schema`)
  // An asynchronous schema (valibot's `*Async`, a zod `refine` returning a promise) answers with
  // a promise for any value: found here rather than on the first request.
  const issuesOf = (v: unknown): ReadonlyArray<RefineIssue> | undefined => {
    const result = validate(v)
    if (result instanceof Promise) {
      result.catch(() => {})
      throw new KindDefinitionError(`refine(${codec.name}): the schema validates asynchronously`)
    }
    return result.issues
  }
  issuesOf(undefined)
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
      const issues = issuesOf(v)
      if (issues !== undefined) {
        const why = issues.map((i) => i.message).join('; ')
        throw new KindEncodeError(`${name} cannot encode ${show(v)}: ${why}`)
      }
      return codec.encode(v)
    },
  }
}
