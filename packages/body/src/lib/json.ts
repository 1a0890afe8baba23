import { accepting, type BodySpec } from '@ferry/router'
import { malformed, tooLarge, unsupported } from './errors.js'
import type { ByteSource } from './bytes.js'
import { checkLimit } from './limits.js'
import { cancelBody, readBody, readFramed } from './read-body.js'
import { type StandardSchemaV1, validate } from './standard-schema.js'
import { utf8 } from './text.js'

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

// The replacing decoder is the fast path; the shared fatal one gives the verdict (see `decode`).
const lenient = new TextDecoder('utf-8')

/**
 * `json(schema?, options?)` is the body spec for a JSON body (RFC 8259), validated by `schema`.
 *
 * It reads at most `limit` bytes (413), decodes them as strict UTF-8 with an optional BOM (400
 * `encoding`, also for a lone surrogate escape such as `"\ud800"`; a declared charset other than
 * UTF-8 is a 415), parses them (400 `json`), refuses
 * `__proto__` keys and `constructor.prototype` (400 `proto`) and nesting deeper than `depth` (413
 * `depth`), then validates with the schema (422 with `issues`). Without a schema the value is
 * `unknown`. It throws a `RangeError` when `limit` or `depth` is not a number >= 0.
 */
export function json(options?: JsonOptions): BodySpec<unknown>
export function json(schema: undefined, options?: JsonOptions): BodySpec<unknown>
export function json<S extends StandardSchemaV1>(
  schema: S,
  options?: JsonOptions,
): BodySpec<StandardSchemaV1.InferOutput<S>>
export function json(
  schemaOrOptions?: StandardSchemaV1 | JsonOptions,
  maybeOptions?: JsonOptions,
): BodySpec<unknown> {
  const [schema, options]: [StandardSchemaV1 | undefined, JsonOptions] = schemaArgs(
    schemaOrOptions,
    maybeOptions,
  )
  const limit = checkLimit('json limit', options.limit) ?? JSON_DEFAULTS.limit
  const depth = checkLimit('json depth', options.depth) ?? JSON_DEFAULTS.depth
  const allowEmpty = options.allowEmpty ?? false
  return {
    ...accepting(options.accepts ?? ['application/json', '*/*+json']),
    parse(request, ctx) {
      const charset = ctx.mediaParams.charset?.toLowerCase()
      // RFC 8259 §8.1: JSON exchanged between systems is UTF-8; US-ASCII is a subset of it.
      if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) {
        cancelBody(request, undefined)
        return Promise.reject(unsupported(`JSON must be UTF-8, not ${charset}`, { charset }))
      }
      const finish = (bytes: ByteSource) => {
        const value = parseJson(bytes, depth, allowEmpty)
        return schema ? validate(schema, value) : value
      }
      // Promise callbacks rather than an async function, and the framed read handing its buffer
      // straight to the parser: one promise per request, no view or copy of the bytes.
      return readFramed(request, limit, ctx, finish) ?? readBody(request, limit, ctx).then(finish)
    },
  }
}

/**
 * `parseJson(bytes, depth, allowEmpty)` is the JSON value in `bytes`, checked as `json` describes.
 */
export function parseJson(bytes: ByteSource, depth: number, allowEmpty: boolean): unknown {
  const text = decode(bytes)
  if (isBlank(text)) {
    if (allowEmpty) return undefined
    throw malformed('json', 'the JSON body is empty')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw malformed('json', `the body is not valid JSON: ${(e as Error).message}`)
  }
  checkValue(value, text, depth)
  return value
}

/**
 * `decode(bytes)` is `bytes` as strict UTF-8, a leading BOM dropped (the decoders' default,
 * ignoreBOM: false); invalid bytes are a 400 `encoding`.
 *
 * The replacing decoder turns every invalid sequence into U+FFFD (WHATWG Encoding §4.1), so text
 * without one came from valid bytes; only text with one (an invalid byte, or a real U+FFFD) is
 * decoded again by the fatal decoder for the verdict. Deno's fatal decoder takes about twice the
 * time of its replacing one (a small body: 1.3 against 0.7 µs); on Node and Bun they cost the same.
 */
function decode(bytes: ByteSource): string {
  const text = lenient.decode(bytes)
  if (!text.includes('\uFFFD')) return text
  try {
    return utf8.decode(bytes)
  } catch {
    throw malformed('encoding', 'the JSON body is not valid UTF-8')
  }
}

/**
 * Throws when `value` holds a number beyond the double range, nests deeper than `depth` or carries
 * a key that pollutes prototypes once merged into an object: `__proto__`, or `constructor` holding
 * `prototype` (as secure-json-parse and Fastify refuse). `text` is the source: most bodies are cleared from it without a walk.
 */
function checkValue(value: unknown, text: string, depth: number): void {
  // A number beyond the double range (`1e400`, 309 digits, `1` and 300 zeros `e9`) parses to
  // ±Infinity, which the app would store and JSON.stringify would send back as `null` (RFC 8259
  // §6 leaves such numbers to the parser). Its exponent has three digits, or, at most 99, it
  // needs at least 210 integer digits (1.8e308 over 1e99): either shows in the text, and the walk
  // then looks at the numbers themselves.
  const huge = EXPONENT.test(text) || hasDigitRun(text, 210)
  // Valid UTF-8 carries no surrogate, so a lone one can only come from a `\uD800`-`\uDFFF` escape.
  const escapes = text.includes('\\u')
  const lone = escapes && SURROGATE_ESCAPE.test(text)
  if (typeof value !== 'object' || value === null) {
    if (huge && isInfinite(value)) throw outOfRange()
    if (lone && typeof value === 'string') checkString(value)
    return
  }
  // A key can spell `__proto__` or `constructor` only literally or with \u escapes (RFC 8259 §7),
  // and a value cannot nest deeper than it has brackets: when neither can happen, skip the walk.
  // (Counting the nesting on the text instead, strings skipped, was slower than the walk.)
  const keys = escapes || text.includes('__proto__') || text.includes('constructor')
  if (keys || huge || deeperThan(text, depth)) walk(value, depth, { keys, huge, lone })
}

const EXPONENT = /[eE]\+?\d{3}/
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/
// A surrogate code unit not in a high-low pair (no `u` flag: the pattern reads code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Throws a 400 `encoding` when `s` holds a lone surrogate: JSON.parse keeps one (RFC 8259 §8.2
 * leaves it to the parser; I-JSON, RFC 7493 §2.1, forbids it), but no UTF-8 can carry it, so it
 * fails later and far from here (`encodeURIComponent` throws a URIError, `TextEncoder` and UTF-8
 * stores turn it into U+FFFD).
 */
function checkString(s: string): void {
  if (LONE_SURROGATE.test(s)) {
    throw malformed(
      'encoding',
      'the JSON body has a lone surrogate escape (\\uD800 to \\uDFFF outside a pair), which is no Unicode character',
    )
  }
}

/**
 * Whether `text` has `n` digits in a row. Each window of `n` characters is read from its end: a
 * character that is no digit rules out every window holding it, so the next starts after it and
 * most text is passed over `n` characters at a time (a regular expression `\d{n}` backtracks).
 */
function hasDigitRun(text: string, n: number): boolean {
  for (let start = 0; start + n <= text.length; ) {
    let i = start + n - 1
    while (i >= start && isDigit(text.charCodeAt(i))) i--
    if (i < start) return true
    start = i + 1
  }
  return false
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

/** Whether `v` is the ±Infinity that JSON.parse makes of a number beyond the double range. */
function isInfinite(v: unknown): boolean {
  return typeof v === 'number' && !Number.isFinite(v)
}

function outOfRange() {
  return malformed(
    'json',
    'the JSON body has a number too large for a double (it would be Infinity)',
  )
}

/** Whether `text` has more than `depth` opening brackets (an upper bound of its nesting). */
function deeperThan(text: string, depth: number): boolean {
  let n = 0
  for (let at = text.indexOf('[') + 1; at !== 0; at = text.indexOf('[', at) + 1)
    if (++n > depth) return true
  for (let at = text.indexOf('{') + 1; at !== 0; at = text.indexOf('{', at) + 1)
    if (++n > depth) return true
  return false
}

/** What the walk over a value looks for, beside nesting deeper than `depth`. */
interface WalkChecks {
  /** `__proto__` and `constructor.prototype` keys. */
  readonly keys: boolean
  /** Numbers that parsed to ±Infinity. */
  readonly huge: boolean
  /** Lone surrogates in keys and strings. */
  readonly lone: boolean
}

/** Walks `value` without recursion (so deep input cannot overflow the stack). */
function walk(value: object, depth: number, { keys, huge, lone }: WalkChecks): void {
  const nodes: object[] = [value]
  const levels: number[] = [1]
  while (nodes.length > 0) {
    const node = nodes.pop()!
    const level = levels.pop()!
    if (level > depth) {
      throw tooLarge('depth', depth, `the JSON body nests deeper than ${depth} levels`)
    }
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === 'object' && item !== null) {
          nodes.push(item)
          levels.push(level + 1)
        } else if (huge && isInfinite(item)) throw outOfRange()
        else if (lone && typeof item === 'string') checkString(item)
      }
      continue
    }
    if (keys) checkKeys(node)
    for (const key in node) {
      if (lone) checkString(key)
      const item = (node as Record<string, unknown>)[key]
      if (typeof item === 'object' && item !== null) {
        nodes.push(item)
        levels.push(level + 1)
      } else if (huge && isInfinite(item)) throw outOfRange()
      else if (lone && typeof item === 'string') checkString(item)
    }
  }
}

function checkKeys(node: object): void {
  // JSON.parse defines `__proto__` as an own data property (ECMA-262 InternalizeJSONProperty), so
  // the parsed value itself is sound; the harm comes when something copies it by assignment
  // (`Object.assign`, a deep merge), which sets the target's prototype.
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
}

/** Whether `text` is empty or only JSON whitespace (RFC 8259 §2), without copying it. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false
  }
  return true
}

/**
 * `schemaArgs(first, second)` is the schema and the options of a spec called `spec(schema,
 * options?)`, `spec(options)` or `spec(undefined, options)`: a first argument that is no schema is
 * the options, unless it is left out, when they are the second.
 */
export function schemaArgs<O>(
  first: StandardSchemaV1 | O | undefined,
  second: O | undefined,
): [StandardSchemaV1 | undefined, O | Record<string, never>] {
  // A schema may be a function (arktype's types are), so `isSchema` rather than typeof 'object'.
  return isSchema(first)
    ? [first, second ?? {}]
    : [undefined, (first as O | undefined) ?? second ?? {}]
}

/** Whether `value` is a Standard Schema (has a `~standard` member). */
export function isSchema(value: unknown): value is StandardSchemaV1 {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    '~standard' in value
  )
}
