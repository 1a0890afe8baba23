import { accepting, type BodySpec } from '@ferry/router'
import { malformed, tooLarge, unsupported } from './errors.js'
import { schemaArgs } from './json.js'
import { checkLimit } from './limits.js'
import { cancelBody, readBody } from './read-body.js'
import { type StandardSchemaV1, validate } from './standard-schema.js'
import { decodeText, RAW_DEFAULT_LIMIT, utf8 } from './text.js'

/** Options of the `form` body spec. */
export interface FormOptions {
  /** Largest body accepted, in bytes (default 1 MiB); over it the answer is 413 `bodySize`. */
  limit?: number
  /**
   * Most name-value pairs accepted (default 1,000); over it the answer is 413 `fields`, before
   * any pair is decoded. A 1 MiB body of short pairs would otherwise cost the server a second of
   * CPU to build a record of a few hundred thousand names.
   */
  fields?: number
}

/** The default `fields` limit of `form`: 1,000 pairs, as Express's `urlencoded` allows. */
export const FORM_DEFAULT_FIELDS = 1000

/**
 * A decoded form: each name maps to its value, or to every value in order when the name repeats.
 * It has no prototype; a field named `__proto__` is refused (400 `proto`), as a JSON key is.
 */
export type FormRecord = Record<string, string | string[]>

/**
 * `form(schema?, options?)` is the body spec for an `application/x-www-form-urlencoded` body
 * (WHATWG URL §5): a `FormRecord` validated by `schema` (422 with `issues`), at most `limit`
 * bytes (413 `bodySize`) and `fields` pairs (413 `fields`), UTF-8 (400 `encoding` when invalid,
 * its `%XX` escapes included; 415 for a declared `charset` other than UTF-8; 400 `proto` for a
 * field named `__proto__`). It throws a
 * `RangeError` when `limit` or `fields` is not a number >= 0.
 */
export function form(options?: FormOptions): BodySpec<FormRecord>
export function form(schema: undefined, options?: FormOptions): BodySpec<FormRecord>
export function form<S extends StandardSchemaV1>(
  schema: S,
  options?: FormOptions,
): BodySpec<StandardSchemaV1.InferOutput<S>>
export function form(
  schemaOrOptions?: StandardSchemaV1 | FormOptions,
  maybeOptions?: FormOptions,
): BodySpec<unknown> {
  const [schema, options]: [StandardSchemaV1 | undefined, FormOptions] = schemaArgs(
    schemaOrOptions,
    maybeOptions,
  )
  const limit = checkLimit('form limit', options.limit) ?? RAW_DEFAULT_LIMIT
  const fields = checkLimit('form fields', options.fields) ?? FORM_DEFAULT_FIELDS
  return {
    ...accepting(['application/x-www-form-urlencoded']),
    async parse(request, ctx) {
      // WHATWG URL §5.1 reads this type as UTF-8 only; a body declared in another charset would be
      // misread, so it is refused, as JSON does (US-ASCII is a subset of UTF-8).
      const charset = ctx.mediaParams.charset?.toLowerCase()
      if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) {
        cancelBody(request, undefined)
        throw unsupported(`a form must be UTF-8, not ${charset}`, { charset })
      }
      const bytes = await readBody(request, limit, ctx)
      const text = decodeText(bytes, 'utf-8')
      if (hasMorePairs(text, fields)) {
        throw tooLarge('fields', fields, `the form has more than ${fields} fields`)
      }
      // URLSearchParams turns escaped bytes that are not UTF-8 into U+FFFD without a word (WHATWG
      // URL §5.1, "UTF-8 decode without BOM"); only escapes of bytes over 0x7f can be such.
      if (/%[89A-Fa-f][0-9A-Fa-f]/.test(text) && !unescapesToUtf8(bytes)) {
        throw malformed('encoding', 'the form has percent-escapes that are not UTF-8')
      }
      const record = toFormRecord(new URLSearchParams(text))
      return schema ? validate(schema, record) : record
    },
  }
}

/**
 * Whether `text` holds more than `max` name-value pairs: WHATWG URL §5.1 splits the body on `&`
 * and skips the empty sequences, so `a&&b&` is two.
 */
function hasMorePairs(text: string, max: number): boolean {
  let count = 0
  for (let from = 0; from <= text.length; ) {
    const amp = text.indexOf('&', from)
    const end = amp === -1 ? text.length : amp
    if (end > from && ++count > max) return true
    from = end + 1
  }
  return false
}

/** Whether `bytes` with every `%XX` escape decoded is valid UTF-8 (`&` and `=` are ASCII). */
function unescapesToUtf8(bytes: Uint8Array): boolean {
  const out = new Uint8Array(bytes.length)
  let n = 0
  for (let i = 0; i < bytes.length; i++) {
    const high = hex(bytes[i + 1])
    const low = hex(bytes[i + 2])
    if (bytes[i] === 0x25 && high >= 0 && low >= 0) {
      out[n++] = high * 16 + low
      i += 2
    } else out[n++] = bytes[i]!
  }
  try {
    utf8.decode(out.subarray(0, n))
    return true
  } catch {
    return false
  }
}

/** The value of an ASCII hex digit byte, or -1. */
function hex(byte: number | undefined): number {
  if (byte === undefined) return -1
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
  const lower = byte | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1
}

/**
 * `toFormRecord(params)` is `params` as a `FormRecord`; throws a 400 `proto` for a name
 * `__proto__`, which would set a target's prototype once the record is merged into an object
 * (`Object.assign`), as `json()` refuses the key.
 */
export function toFormRecord(params: URLSearchParams): FormRecord {
  const record: FormRecord = Object.create(null)
  for (const [name, value] of params) {
    if (name === '__proto__') throw malformed('proto', 'the form has a field named __proto__')
    const prior = record[name]
    if (prior === undefined) record[name] = value
    else if (typeof prior === 'string') record[name] = [prior, value]
    else prior.push(value)
  }
  return record
}
