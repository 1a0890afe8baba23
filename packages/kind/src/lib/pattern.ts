import { str } from './codec.js'
import { KindDefinitionError } from './errors.js'
import { METHOD_TOKEN, normalizeMethods } from './method.js'
import { isSegmentValue } from './percent.js'
import { one, rest } from './query-codec.js'
import type { Codec, QueryCodec, RestCodec } from './types.js'

/** One segment of a path pattern. */
export type PatternSegment =
  | { readonly type: 'static'; readonly value: string }
  | { readonly type: 'param'; readonly name: string; readonly codec: Codec<unknown> }
  | { readonly type: 'rest'; readonly name: string; readonly codec: RestCodec<unknown> }

/** A query key a pattern kind reads. */
export interface PatternQuery {
  readonly name: string
  readonly codec: QueryCodec<unknown>
}

/** The parsed form of a pattern kind: what the router compiles into its matcher. */
export interface Pattern {
  /** The pattern's path as written (`/posts/:id`). */
  readonly path: string
  /**
   * Methods as a `Request` spells them (DELETE, GET, HEAD, OPTIONS, POST, PUT upper-cased, any
   * other as written); empty means any method.
   */
  readonly methods: readonly string[]
  readonly segments: readonly PatternSegment[]
  readonly query: readonly PatternQuery[]
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/
// The decoded value is a plain object, where assigning `__proto__` sets the prototype instead of a
// field: the value would lose it.
const PROTO = '__proto__'

/** The codecs object of a pattern kind: capture codecs by name, query codecs under `query`. */
export interface CodecSpec {
  readonly [name: string]: unknown
  readonly query?: Readonly<Record<string, Codec<any> | QueryCodec<any>>>
}

/** `parsePattern(methods, path, spec)` checks and parses a pattern; throws `KindDefinitionError`. */
export function parsePattern(methods: readonly string[], path: string, spec: CodecSpec): Pattern {
  // Every message names the pattern it is about.
  const bad = (what: string): never => {
    throw new KindDefinitionError(`${what} in ${path}`)
  }
  for (const m of methods)
    if (!METHOD_TOKEN.test(m)) bad(`${JSON.stringify(m)} is not a method token`)
  if (!path.startsWith('/')) bad('a path pattern must start with "/"')
  // Almost surely a slip (a capture named "id "), and the pattern form once trimmed it where the
  // others kept it: refused in every form, as the types refuse it (PatternCheck).
  if (/\s$/.test(path)) bad('a path pattern cannot end with whitespace')
  // A pattern is decoded path text, so '?' would be a literal in a static ('/search?page' never
  // matches /search?page=2): almost surely a query meant for codecs.query. '#' never reaches a server.
  if (/[?#]/.test(path))
    bad('a path pattern has no "?" or "#": declare query keys under codecs.query')
  // Under the `u` flag a surrogate pair is one code point: \p{Cs} matches only a lone surrogate,
  // which no URL can carry (every href would throw).
  if (/\p{Cs}/u.test(path)) bad('a path pattern must be well-formed Unicode')
  const seen = new Set<string>()
  const parts = path.slice(1).split('/')
  const last = parts.length - 1
  const segments = parts.map((part, i): PatternSegment => {
    const sigil = part[0]
    if (sigil !== ':' && sigil !== '*') {
      if (/[:*]/.test(part)) bad(`a capture must be a whole segment: "${part}"`)
      // Only the last segment may be empty (a trailing slash), and none may be '.' or '..': the URL
      // parser resolves dot segments before any server sees them (URL Standard §4.4).
      if (part === '' ? i !== last : !isSegmentValue(part)) {
        bad(`a segment cannot be "${part}" (only the last may be empty)`)
      }
      return { type: 'static', value: part }
    }
    const name = part.slice(1)
    if (!NAME.test(name)) bad(`bad capture name "${part}"`)
    if (name === PROTO) bad(`a capture cannot be named "${PROTO}"`)
    // The spec is flat: its `query` key holds the query codecs, so this capture's codec would be
    // read from them, and could never be given.
    if (name === 'query')
      bad('a capture cannot be named "query": codecs.query holds the query codecs')
    if (seen.has(name)) bad(`capture "${name}" appears twice`)
    seen.add(name)
    if (sigil === '*') {
      if (i !== last) bad(`rest capture "${part}" must be last`)
      const c = prop(spec, name) ?? rest
      if (!has(c, 'rest')) bad(`rest capture "${name}" needs a rest codec`)
      return { type: 'rest', name, codec: tolerant(c as RestCodec<unknown>) }
    }
    const c = prop(spec, name) ?? str
    if (!isCodec(c)) bad(`capture "${name}" needs a codec, got ${describe(c)}`)
    return { type: 'param', name, codec: tolerant(c as Codec<unknown>) }
  })
  for (const key of Object.keys(spec)) {
    if (key !== 'query' && !seen.has(key)) bad(`"${key}" has a codec but no capture`)
  }
  const query = Object.entries(spec.query ?? {}).map(([name, c]): PatternQuery => {
    if (seen.has(name)) bad(`"${name}" is both a capture and a query key`)
    if (name === PROTO) bad(`a query key cannot be named "${PROTO}"`)
    if (has(c, 'optional')) return { name, codec: tolerant(c as QueryCodec<unknown>) }
    if (!isCodec(c)) bad(`query key "${name}" needs a codec, got ${describe(c)}`)
    return { name, codec: tolerant(one(c as Codec<unknown>)) }
  })
  return { path, methods: normalizeMethods(methods), segments, query }
}

/**
 * `prop(o, key)` is `o[key]`, or `undefined` where `o` only inherits `key` from `Object.prototype`:
 * every object has a `constructor` and a `toString`, which are no codec and no parameter value.
 * (Getters of a value's own class still count.)
 */
export function prop(o: unknown, key: string): unknown {
  if (o == null) return undefined
  return Object.hasOwn(o, key) || !(key in Object.prototype)
    ? (o as Record<string, unknown>)[key]
    : undefined
}

/**
 * `tolerant(c)` is `c` with a decode that answers `undefined` where `c.decode` throws. The Codec
 * contract asks for `undefined`, but a hand-written codec may throw (`BigInt('x')`); the router
 * calls these decodes on request data, and `Kind.decode` never throws. Its other fields (name,
 * flags) are read through the prototype; both methods run on `c` itself, so a class codec keeps its
 * private fields. `str` and `rest` never throw and stay as they are.
 */
function tolerant<C extends { decode(x: never): unknown; encode(v: never): unknown }>(c: C): C {
  if ((c as unknown) === str || (c as unknown) === rest) return c
  const decode = (x: never) => {
    try {
      return c.decode(x)
    } catch {
      return undefined
    }
  }
  return Object.assign(Object.create(c) as C, { decode, encode: (v: never) => c.encode(v) })
}

// Whether `c` is an object with a member `key`: the sorts of codec are told apart by their flags
// (`rest` for a rest codec, `optional` for a query codec).
function has(c: unknown, key: string): boolean {
  return typeof c === 'object' && c !== null && key in c
}

function isCodec(c: unknown): c is Codec<unknown> {
  return has(c, 'decode') && has(c, 'encode') && !has(c, 'rest') && !has(c, 'optional')
}

function describe(v: unknown): string {
  return v === null ? 'null' : typeof v
}
