import { KindEncodeError } from './errors.js'
import { isSegmentValue, joinPath } from './percent.js'
import { type CodecSpec, prop, type Pattern, parsePattern } from './pattern.js'
import type {
  NoStrayKeys,
  PatternCheck,
  PatternInput,
  PatternValue,
  SpecFor,
} from './pattern-types.js'
import { badRequest } from './problem.js'
import type { Bare, Decoded, EncodedBare, Kind } from './types.js'

const PATTERN = Symbol.for('ferry.kind.pattern')

/** A kind made from a pattern; `patternOf` reads its parsed pattern. */
export interface PatternKind<T, In = T> extends Kind<T, In> {
  readonly [PATTERN]: Pattern
}

/** The outcome of decoding a pattern kind's query: values, or what is wrong with which key. */
export type QueryOutcome =
  | { readonly ok: true; readonly values: Record<string, unknown> }
  | {
      readonly ok: false
      readonly key: string
      readonly expected: string
      /** How many values the query held for `key`. */
      readonly count: number
    }

/**
 * `kind(pattern, codecs?)` is the kind of the URLs matching `pattern`: `'GET /posts/:id'`
 * (method optional, `GET` by default; `*` for any method; `get`, `post` ... upper-cased as fetch
 * does), with `:name` captures taking their codec from `codecs[name]` (default `str`), an optional
 * final `*name` rest capture (default `rest`), and query keys under `codecs.query`. `kind(methods, path, codecs?)` lists several methods.
 * Throws `KindDefinitionError` for a malformed pattern (whitespace at its end included), a codec
 * without a capture, or a capture named `query` (the key of the query codecs).
 */
export function kind<const P extends string, const S extends SpecFor<P> = {}>(
  pattern: P & PatternCheck<P>,
  codecs?: S & NoStrayKeys<P, S>,
): PatternKind<PatternValue<P, S>, PatternInput<P, S>>
export function kind<const P extends string, const S extends SpecFor<P> = {}>(
  methods: readonly string[],
  path: P & PatternCheck<P>,
  codecs?: S & NoStrayKeys<P, S>,
): PatternKind<PatternValue<P, S>, PatternInput<P, S>>
export function kind(a: string | readonly string[], b?: unknown, c?: unknown): PatternKind<any> {
  const text = typeof a === 'string'
  // A pattern starting with '/' has no method, whatever spaces its statics hold ('/about us').
  const space = !text || a.startsWith('/') ? -1 : a.indexOf(' ')
  const listed = text ? (space === -1 ? ['GET'] : [a.slice(0, space)]) : a
  const methods = listed.includes('*') ? [] : [...listed]
  // Spaces after the method are one separator, so patterns may be aligned in columns; the end is
  // left as written (parsePattern refuses whitespace there, as the types do).
  const path = text ? (space === -1 ? a : a.slice(space + 1).trimStart()) : (b as string)
  const pattern = parsePattern(methods, path, ((text ? b : c) ?? {}) as CodecSpec)
  const name = text ? a : `${methods.length === 0 ? '*' : methods.join(',')} ${path}`
  return createPatternKind(name, pattern)
}

function createPatternKind(name: string, pattern: Pattern): PatternKind<any> {
  const first = pattern.methods[0] ?? 'GET'
  const self: PatternKind<any> = {
    [PATTERN]: pattern,
    name,
    methods: pattern.methods,
    // A pattern spells its own trailing slash, so its root under a mount is the prefix itself.
    rootIs: 'file',
    encode: (v) => encodePattern(pattern, first, v),
    href(v) {
      // No dot segment to refuse (see toHref): statics cannot be one, encodePattern refuses them.
      const e = encodePattern(pattern, first, v)
      const qs = e.query.toString()
      return joinPath(e.path) + (qs && `?${qs}`)
    },
    decode(b: Bare): Decoded<any> {
      if (!allowsMethod(pattern.methods, b.method)) return NONE
      const values = matchSegments(pattern, b.path)
      if (values === undefined) return NONE
      const q = decodeQuery(pattern, b.query)
      if (!q.ok) return { outcome: 'reject', response: badRequest(queryDetail(q), { key: q.key }) }
      return { outcome: 'match', value: Object.assign(values, q.values) }
    },
  }
  return self
}

const NONE: Decoded<never> = { outcome: 'none' }

/** Whether a kind with `methods` answers `method` (GET kinds answer HEAD too). */
export function allowsMethod(methods: readonly string[], method: string): boolean {
  return (
    methods.length === 0 ||
    methods.includes(method) ||
    (method === 'HEAD' && methods.includes('GET'))
  )
}

/** `patternOf(k)` is the parsed pattern of a pattern kind, or `undefined` for a custom kind. */
export function patternOf(k: Kind): Pattern | undefined {
  return (k as Partial<PatternKind<unknown>>)[PATTERN]
}

/**
 * `matchSegments(pattern, path)` is the capture values when decoded `path` fits the pattern's
 * path, or `undefined` when it does not.
 */
export function matchSegments(
  pattern: Pattern,
  path: readonly string[],
): Record<string, unknown> | undefined {
  const segs = pattern.segments
  const values: Record<string, unknown> = {}
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!
    if (s.type === 'rest') {
      // At the root, `/` is the empty list (a path cannot be shorter than `/`), and a leading
      // empty segment (`//x`) is no path an href could make.
      if (i === 0 && path[0] === '' && path.length > 1) return undefined
      const v = s.codec.decode(i === 0 && path.length === 1 && path[0] === '' ? [] : path.slice(i))
      if (v === undefined) return undefined
      values[s.name] = v
      return values
    }
    if (i >= path.length) return undefined
    const seg = path[i]!
    if (s.type === 'static') {
      if (seg !== s.value) return undefined
    } else {
      if (!isSegmentValue(seg)) return undefined
      const v = s.codec.decode(seg)
      if (v === undefined) return undefined
      values[s.name] = v
    }
  }
  return path.length === segs.length ? values : undefined
}

/**
 * `decodeQuery(pattern, query)` is the query values of a pattern kind, or the first bad key.
 * `query` is a URLSearchParams, or anything that answers `getAll` as one would.
 */
export function decodeQuery(
  pattern: Pattern,
  query: Pick<URLSearchParams, 'getAll'>,
): QueryOutcome {
  const values: Record<string, unknown> = {}
  for (const { name, codec } of pattern.query) {
    const all = query.getAll(name)
    const got = codec.decode(all)
    if (got === undefined) return { ok: false, key: name, expected: codec.name, count: all.length }
    if (got.value !== undefined) values[name] = got.value
  }
  return { ok: true, values }
}

/**
 * A sentence saying what is wrong with a query key: repeated (only a `list` takes several
 * values), missing, or a value its codec refuses. `count` is how many values the key had.
 */
export function queryDetail(q: { key: string; expected: string; count?: number }): string {
  const n = q.count ?? 0
  return `query parameter "${q.key}" ${n > 1 && !q.expected.startsWith('list(') ? `is given ${n} times: it takes one` : `must be ${/^(optional|list)\(/.test(q.expected) ? 'a valid' : 'exactly one'}`} ${q.expected} value`
}

function encodePattern(pattern: Pattern, method: string, v: any): EncodedBare {
  const path: string[] = []
  for (const s of pattern.segments) {
    if (s.type === 'static') {
      path.push(s.value)
      continue
    }
    const value: any = prop(v, s.name)
    if (value === undefined)
      throw new KindEncodeError(`missing parameter "${s.name}" for ${pattern.path}`)
    if (s.type === 'rest') {
      const segs = s.codec.encode(value)
      // The built-in rest refuses dot segments; a user's rest codec may write them, and the URL
      // parser would resolve them to another path (URL Standard §4.4).
      for (const seg of segs) {
        if (seg === '.' || seg === '..') {
          throw new KindEncodeError(`rest capture "${s.name}" cannot hold the dot segment "${seg}"`)
        }
      }
      if (path.length === 0 && segs.length === 1 && segs[0] === '') {
        throw new KindEncodeError(
          `rest capture "${s.name}" at the root is [] for "/"; [""] has no URL`,
        )
      }
      path.push(...segs)
      continue
    }
    const e = s.codec.encode(value)
    if (!isSegmentValue(e)) {
      throw new KindEncodeError(
        `parameter "${s.name}" cannot be ${JSON.stringify(e)} in a path segment`,
      )
    }
    path.push(e)
  }
  const query = new URLSearchParams()
  for (const { name, codec } of pattern.query) {
    const value: any = prop(v, name)
    if (value === undefined) {
      if (codec.optional) continue
      throw new KindEncodeError(`missing query parameter "${name}" for ${pattern.path}`)
    }
    for (const s of codec.encode(value)) {
      // URLSearchParams would silently replace a lone surrogate with U+FFFD (its values are
      // USVStrings), so the server would read another value. Under the `u` flag a surrogate pair
      // is one code point: \p{Cs} matches only a lone surrogate.
      if (/\p{Cs}/u.test(s)) throw new KindEncodeError(`query "${name}" is not well-formed Unicode`)
      query.append(name, s)
    }
  }
  return { method, path, query }
}
