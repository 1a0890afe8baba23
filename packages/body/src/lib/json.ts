import type { BodySpec } from '@ferry/router'
import { malformed, tooLarge, unsupported } from './errors.js'
import { readBody } from './read-body.js'
import { type StandardSchemaV1, validate } from './standard-schema.js'

/** Options of the `json` body spec. */
export interface JsonOptions {
  /** Largest body accepted, in bytes (default 1 MiB); over it the answer is 413 `bodySize`. */
  limit?: number
  /** Deepest nesting of arrays and objects accepted (default 64); deeper is 413 `depth`. */
  depth?: number
  /**
   * Whether an empty body (no bytes, or only whitespace) is accepted as `undefined` and handed to
   * the schema, which may supply a default (valibot `v.optional(schema, default)`). Default
   * `false`: an empty body is a 400.
   */
  allowEmpty?: boolean
  /** Media type patterns accepted (default `application/json` and `*\/*+json`). */
  accepts?: readonly string[]
}

/** The JSON body defaults: 1 MiB, 64 levels deep. */
export const JSON_DEFAULTS = { limit: 1024 * 1024, depth: 64 } as const

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * `json(schema?, options?)` is the body spec for a JSON body (RFC 8259), validated by `schema`.
 *
 * It reads at most `limit` bytes (413), decodes them as strict UTF-8 with an optional BOM (400
 * `encoding`; a declared charset other than UTF-8 is a 415), parses them (400 `json`), refuses
 * `__proto__` keys and `constructor.prototype` (400 `proto`) and nesting deeper than `depth` (413
 * `depth`), then validates with the schema (422 with `issues`). Without a schema the value is
 * `unknown`.
 */
export function json(options?: JsonOptions): BodySpec<unknown>
export function json<S extends StandardSchemaV1>(
  schema: S,
  options?: JsonOptions,
): BodySpec<StandardSchemaV1.InferOutput<S>>
export function json(
  schemaOrOptions?: StandardSchemaV1 | JsonOptions,
  maybeOptions?: JsonOptions,
): BodySpec<unknown> {
  const schema = isSchema(schemaOrOptions) ? schemaOrOptions : undefined
  const options = (isSchema(schemaOrOptions) ? maybeOptions : schemaOrOptions) ?? {}
  const limit = options.limit ?? JSON_DEFAULTS.limit
  const depth = options.depth ?? JSON_DEFAULTS.depth
  return {
    accepts: options.accepts ?? ['application/json', '*/*+json'],
    async parse(request, ctx) {
      const charset = ctx.mediaParams.charset?.toLowerCase()
      // RFC 8259 §8.1: JSON exchanged between systems is UTF-8; US-ASCII is a subset of it.
      if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) {
        throw unsupported(`JSON must be UTF-8, not ${charset}`, { charset })
      }
      const bytes = await readBody(request, limit, ctx.signal)
      const value = parseJson(bytes, depth, options.allowEmpty ?? false)
      return schema ? validate(schema, value) : value
    },
  }
}

/**
 * `parseJson(bytes, depth, allowEmpty)` is the JSON value in `bytes`, checked as `json` describes.
 */
export function parseJson(bytes: Uint8Array, depth: number, allowEmpty: boolean): unknown {
  let text: string
  try {
    // `fatal` rejects invalid UTF-8; the default (ignoreBOM: false) drops a leading BOM.
    text = decoder.decode(bytes)
  } catch {
    throw malformed('encoding', 'the JSON body is not valid UTF-8')
  }
  if (text.trim() === '') {
    if (allowEmpty) return undefined
    throw malformed('json', 'the JSON body is empty')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw malformed('json', `the body is not valid JSON: ${(e as Error).message}`)
  }
  checkValue(value, depth)
  return value
}

/**
 * Walks `value` without recursion (so deep input cannot overflow the stack) and throws when it
 * nests deeper than `depth` or carries a key that pollutes prototypes once merged into an object:
 * `__proto__`, or `constructor` holding `prototype` (as secure-json-parse and Fastify refuse).
 */
function checkValue(value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null) return
  const stack: [object, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [node, level] = stack.pop()!
    if (level > depth) {
      throw tooLarge('depth', depth, `the JSON body nests deeper than ${depth} levels`)
    }
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === 'object' && item !== null) stack.push([item, level + 1])
      }
      continue
    }
    // JSON.parse defines `__proto__` as an own data property (ECMA-262 InternalizeJSONProperty),
    // which is harmless until something copies it with assignment.
    if (Object.hasOwn(node, '__proto__')) {
      throw malformed('proto', 'the JSON body has a "__proto__" key')
    }
    const ctor = (node as Record<string, unknown>).constructor
    if (
      Object.hasOwn(node, 'constructor') &&
      typeof ctor === 'object' &&
      ctor !== null &&
      Object.hasOwn(ctor, 'prototype')
    ) {
      throw malformed('proto', 'the JSON body has a "constructor.prototype" key')
    }
    for (const key in node) {
      const item = (node as Record<string, unknown>)[key]
      if (typeof item === 'object' && item !== null) stack.push([item, level + 1])
    }
  }
}

/** Whether `value` is a Standard Schema (has a `~standard` member). */
export function isSchema(value: unknown): value is StandardSchemaV1 {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    '~standard' in value
  )
}
