import { accepting } from '@ferry/router'
import { schemaArgs } from './json.js'
import { checkLimit } from './limits.js'
import type { MultipartPart } from './multipart-part.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/** A text part of a typed multipart record: its value, validated by an optional schema. */
export interface FieldSpec<T> {
  readonly kind: 'field'
  /** The schema the value goes through; without one the value must be present. */
  readonly schema: StandardSchemaV1 | undefined
  /** Whether the name may repeat; the schema then receives every value as a `string[]`. */
  readonly multiple: boolean
  /** Carries the value type; never set. */
  readonly '~value'?: T
}

/** Options of `field`. */
export interface FieldOptions {
  /** Whether the name may repeat (default `false`: a second part with it is a 422). */
  multiple?: boolean
}

/**
 * `field(schema?, options?)` declares a text part of a typed multipart record. Its value is the
 * part decoded as text (at most `limits.fieldSize` bytes), or `undefined` when absent, handed to
 * `schema`; with `multiple`, the array of every value (empty when absent). Without a schema the
 * field is required.
 */
export function field(options?: FieldOptions & { multiple?: false }): FieldSpec<string>
export function field(options: FieldOptions & { multiple: true }): FieldSpec<string[]>
export function field(
  schema: undefined,
  options?: FieldOptions & { multiple?: false },
): FieldSpec<string>
export function field(
  schema: undefined,
  options: FieldOptions & { multiple: true },
): FieldSpec<string[]>
export function field<S extends StandardSchemaV1>(
  schema: S,
  options?: FieldOptions,
): FieldSpec<StandardSchemaV1.InferOutput<S>>
export function field(
  schemaOrOptions?: StandardSchemaV1 | FieldOptions,
  maybeOptions?: FieldOptions,
): FieldSpec<unknown> {
  const [schema, options]: [StandardSchemaV1 | undefined, FieldOptions] = schemaArgs(
    schemaOrOptions,
    maybeOptions,
  )
  return { kind: 'field', schema, multiple: options.multiple ?? false }
}

/** Options of `file`. */
export interface FileOptions {
  /** Most bytes in this file (default `limits.fileSize`); over it the answer is 413 `fileSize`. */
  maxSize?: number
  /** Media type patterns the part's Content-Type must match (`image/*`); otherwise 415. */
  types?: readonly string[]
  /**
   * Whether the file is collected into memory (at most `maxSize` bytes) before the handler runs.
   * Default `false`: the file is handed over as a stream, which ends the parsing, so it must be
   * the last part of the body.
   */
  memory?: boolean
  /** Whether the file may be missing (default `false`: a missing file is a 422). */
  optional?: boolean
  /** Whether several files may come under this name (an array; needs `memory: true`). */
  multiple?: boolean
}

/**
 * A file part of a typed multipart record; `Memory` is whether it is collected to memory (`false`:
 * streamed), as far as the types know.
 */
export interface FileSpec<T, Memory extends boolean = boolean> {
  readonly kind: 'file'
  readonly maxSize: number | undefined
  readonly types: readonly string[] | undefined
  readonly memory: Memory
  readonly optional: boolean
  readonly multiple: boolean
  /** Carries the value type; never set. */
  readonly '~value'?: T
}

/** The value a `file(options)` spec yields. */
export type FileValue<O extends FileOptions> = O extends { multiple: true }
  ? MultipartPart[]
  : O extends { optional: true }
    ? MultipartPart | undefined
    : MultipartPart

// What `file(options)` asks of `O` beside `O`: nothing, or when `multiple` is set without
// `memory: true`, which `file` throws for, a key that says so (the type error names it).
type MemoryCheck<O> = O extends { multiple: true }
  ? O extends { memory: true }
    ? unknown
    : { readonly 'multiple needs memory: true (only one file can stream)': never }
  : unknown

/**
 * `file(options?)` declares a file part of a typed multipart record: the handler gets the part,
 * streaming (default) or collected to memory. A part with an empty filename, which is what a
 * browser sends for a file input left empty, counts as no file. It throws a `TypeError` when
 * `multiple` is set without `memory` or `types` holds a pattern no upload could match, and a
 * `RangeError` when `maxSize` is not a number >= 0.
 */
export function file<const O extends FileOptions = {}>(
  options?: O & MemoryCheck<O>,
): FileSpec<FileValue<O>, O extends { memory: true } ? true : false> {
  const o: FileOptions = options ?? {}
  if (o.multiple && !o.memory) {
    throw new TypeError('file({ multiple: true }) needs memory: true: only one file can stream')
  }
  return {
    kind: 'file',
    maxSize: checkLimit('file maxSize', o.maxSize),
    types: o.types && typePatterns(o.types),
    memory: (o.memory ?? false) as O extends { memory: true } ? true : false,
    optional: o.optional ?? false,
    multiple: o.multiple ?? false,
  }
}

/**
 * The `types` of `file()` lower-cased, checked as `accepting()` checks a route's: a pattern with
 * parameters or without a `/` (or no pattern at all) would answer every upload 415.
 */
function typePatterns(types: readonly string[]): string[] {
  const lower = types.map((t) => t.toLowerCase())
  try {
    accepting(lower)
  } catch {
    throw new TypeError(
      `file({ types }) takes "type/subtype", "type/*", "*/*+suffix" or "*/*" patterns without parameters, got ${JSON.stringify(types)}`,
    )
  }
  return lower
}

/** The specs of a typed multipart record, by part name. */
export type MultipartFields = Record<string, FieldSpec<any> | FileSpec<any>>

/**
 * What `multipart({ fields })` asks of `F` beside `F`: nothing, or when it streams more than one
 * file (which `multipart` throws for), a key naming each of them, so that the type error does.
 */
export type OneStreamedFile<F> = {
  readonly [K in StreamedNames<F> as [Exclude<StreamedNames<F>, K>] extends [never]
    ? never
    : `${K & string} streams, as does another file: only one can, give the others memory: true`]: never
}

type StreamedNames<F> = {
  [K in keyof F]: F[K] extends { readonly kind: 'file'; readonly memory: false } ? K : never
}[keyof F]

/** The record a set of specs yields. */
export type MultipartValue<F extends MultipartFields> = {
  -readonly [K in keyof F]: F[K] extends FieldSpec<infer T>
    ? T
    : F[K] extends FileSpec<infer T>
      ? T
      : never
}
