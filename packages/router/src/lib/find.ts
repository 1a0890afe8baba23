import { type Bare, joinPath, splitPath } from '@ferry/kind'
import type { Compiled, CompiledRoute } from './compile.js'

/** A candidate route for a request: its route, decoded captures, and a custom kind's reject. */
export interface Found {
  readonly route: CompiledRoute
  readonly params: Record<string, unknown>
  readonly reject?: Response
}

/** The path-matching outcome of step 1 (and the trailing-slash rule). */
export type PathOutcome =
  | { readonly type: 'found'; readonly candidates: readonly Found[] }
  | { readonly type: 'malformed' }
  | { readonly type: 'redirect'; readonly location: string }
  | { readonly type: 'none' }

/** How a router treats a request that differs from a route only by a trailing slash. */
export type TrailingSlash = 'redirect' | 'strict' | 'lenient'

/**
 * `findFirst(compiled, rawPath, search, method, trailingSlash)` is steps 1 and 2 stopped at the
 * first candidate: the candidate `findPath` followed by `byMethod` would list first (the route the
 * request goes to when that route checks nothing at steps 3-6), or else the same outcome as
 * `findPath` (its candidates not filtered by method). It walks the path once and lists every
 * candidate only when it must: a path some route matches under another method (405, `Allow`),
 * custom kinds, or a percent escape.
 */
export function findFirst(
  compiled: Compiled,
  rawPath: string,
  search: string,
  method: string,
  trailingSlash: TrailingSlash,
): Found | PathOutcome {
  if (compiled.customs.length === 0) {
    const first = compiled.matcher.first(method, rawPath)
    if (first) return first
    // No route matches this path under any method: only its trailing-slash twin is left to try.
    if (first === null) return twin(compiled, rawPath, search, method, trailingSlash)
  }
  return findPath(compiled, rawPath, search, method, trailingSlash)
}

/** Every candidate for `rawPath`, as `findPath` lists them: what `allow` needs after `findFirst`. */
export function allCandidates(
  compiled: Compiled,
  rawPath: string,
  search: string,
  method: string,
): readonly Found[] {
  const o = findPath(compiled, rawPath, search, method, 'strict')
  return o.type === 'found' ? o.candidates : []
}

/**
 * `findPath(compiled, rawPath, search, method, trailingSlash)` is step 1: every route whose path
 * matches `rawPath` (capture codecs included), or a redirect to the canonical path when only the
 * trailing slash differs, or `malformed` for a bad percent escape.
 */
export function findPath(
  compiled: Compiled,
  rawPath: string,
  search: string,
  method: string,
  trailingSlash: TrailingSlash,
): PathOutcome {
  const found = candidatesOf(compiled, rawPath, search, method)
  if (found === undefined) return { type: 'malformed' }
  if (found.length > 0) return { type: 'found', candidates: found }
  return twin(compiled, rawPath, search, method, trailingSlash)
}

const NONE: PathOutcome = { type: 'none' }

// The outcome for a well-formed path no route matches: its trailing-slash twin's, if any.
function twin(
  compiled: Compiled,
  rawPath: string,
  search: string,
  method: string,
  trailingSlash: TrailingSlash,
): PathOutcome {
  if (trailingSlash === 'strict') return NONE
  // RFC 3986 treats `/a` and `/a/` as different resources; we answer the one the app defines.
  const other = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : `${rawPath}/`
  // A path starting '//' would name another host: never redirect there.
  if (other.startsWith('//')) return NONE
  const alt = candidatesOf(compiled, other, search, method)!
  if (alt.length === 0) return NONE
  if (trailingSlash === 'lenient') return { type: 'found', candidates: alt }
  // The canonical spelling (see `joinPath`): the path `href` would give. Besides escapes, WHATWG
  // URL parsing leaves `[`, `]`, `^` and `|` raw in a path, which are no RFC 3986 pchar. (`other`
  // is well-formed: its twin was walked.)
  const location = joinPath(splitPath(other)!)
  return { type: 'redirect', location: search === '' ? location : `${location}?${search}` }
}

// Every candidate for `rawPath`, or `undefined` for a malformed percent escape.
function candidatesOf(
  compiled: Compiled,
  rawPath: string,
  search: string,
  method: string,
): Found[] | undefined {
  if (compiled.customs.length === 0) return compiled.matcher.matchPath(rawPath)
  const segs = splitPath(rawPath)
  return segs && collect(compiled, segs, search, method)
}

function collect(
  compiled: Compiled,
  segs: readonly string[],
  search: string,
  method: string,
): Found[] {
  const found: Found[] = compiled.matcher.match(segs)
  if (compiled.customs.length === 0) return found
  let query: URLSearchParams | undefined
  for (const route of compiled.customs) {
    const rel = relative(route, segs)
    if (rel === undefined) continue
    query ??= new URLSearchParams(search)
    // Probe with a method the kind answers, so a path that is "mine" under another method still
    // counts for 405 and Allow; the method itself is checked at step 2. A GET kind decodes a HEAD
    // as the GET that answers it (RFC 9110 §9.3.2).
    const ms = route.methods
    const m =
      ms.length === 0 || ms.includes(method)
        ? method
        : method === 'HEAD' && ms.includes('GET')
          ? 'GET'
          : ms[0]!
    const bare: Bare = { method: m, path: rel, query }
    const d = route.kind.decode(bare)
    if (d.outcome === 'match') found.push({ route, params: d.value as Record<string, unknown> })
    else if (d.outcome === 'reject') found.push({ route, params: {}, reject: d.response })
  }
  return found
}

/** The path of `segs` relative to a custom route's mount, with its `rootIs` rule, if under it. */
function relative(route: CompiledRoute, segs: readonly string[]): string[] | undefined {
  const p = route.prefixSegs
  if (p.length === 0) return segs as string[]
  if (segs.length < p.length) return undefined
  for (let i = 0; i < p.length; i++) if (segs[i] !== p[i]) return undefined
  const rel = segs.slice(p.length)
  const dir = route.kind.rootIs === 'dir'
  if (rel.length === 0) return dir ? undefined : ['']
  if (rel.length === 1 && rel[0] === '') return dir ? rel : undefined
  return rel
}
