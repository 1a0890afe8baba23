import { accepting, type BodySpec } from '@ferry/router'
import { isSchema } from './json.js'
import { readBody } from './read-body.js'
import { type StandardSchemaV1, validate } from './standard-schema.js'
import { decodeText, RAW_DEFAULT_LIMIT } from './text.js'

/** Options of the `form` body spec. */
export interface FormOptions {
  /** Largest body accepted, in bytes (default 1 MiB); over it the answer is 413 `bodySize`. */
  limit?: number
}

/**
 * A decoded form: each name maps to its value, or to every value in order when the name repeats.
 * It has no prototype, so a `__proto__` name is just a name.
 */
export type FormRecord = Record<string, string | string[]>

/**
 * `form(schema?, options?)` is the body spec for an `application/x-www-form-urlencoded` body
 * (WHATWG URL §5): a `FormRecord` validated by `schema` (422 with `issues`), at most `limit`
 * bytes (413 `bodySize`), UTF-8 (400 `encoding` when invalid).
 */
export function form(options?: FormOptions): BodySpec<FormRecord>
export function form<S extends StandardSchemaV1>(
  schema: S,
  options?: FormOptions,
): BodySpec<StandardSchemaV1.InferOutput<S>>
export function form(
  schemaOrOptions?: StandardSchemaV1 | FormOptions,
  maybeOptions?: FormOptions,
): BodySpec<unknown> {
  const schema = isSchema(schemaOrOptions) ? schemaOrOptions : undefined
  const options = (isSchema(schemaOrOptions) ? maybeOptions : schemaOrOptions) ?? {}
  const limit = options.limit ?? RAW_DEFAULT_LIMIT
  return {
    ...accepting(['application/x-www-form-urlencoded']),
    async parse(request, ctx) {
      const bytes = await readBody(request, limit, ctx)
      const record = toFormRecord(new URLSearchParams(decodeText(bytes, 'utf-8')))
      return schema ? validate(schema, record) : record
    },
  }
}

/** `toFormRecord(params)` is `params` as a `FormRecord`. */
export function toFormRecord(params: URLSearchParams): FormRecord {
  const record: FormRecord = Object.create(null)
  for (const [name, value] of params) {
    const prior = record[name]
    if (prior === undefined) record[name] = value
    else if (typeof prior === 'string') record[name] = [prior, value]
    else prior.push(value)
  }
  return record
}
