import { restInto } from './rest-capture.js'
import { allows, type Candidate, EMPTY_SLOT, type Entry, type Node, type Walk } from './trie.js'

/**
 * `walkRaw(w, node, s, depth)` walks the path `w.path` (raw, or decoded as `Walk.decoded` says) from `s` (where the current segment
 * starts; past the end there are no more segments) under `node`, `depth` captures deep, over the
 * patterns that allow `w.method` (any when it is `''`), most specific first: static, then capture,
 * then rest; registration order among equals. With `w.out` unset it is the first such candidate,
 * or `undefined`; with `w.out` a list it pushes every candidate onto it and is `undefined`. One
 * walk serves both, so the two can never disagree on order. It decodes captures only for a
 * pattern that allows the method, a rest only once the more specific branches below its node have
 * failed, sets `w.maybe` when it passes a pattern that only another method allows and
 * `w.escaped` when a capture it scans or a rest it would decode holds a '%'.
 */
export function walkRaw<D>(
  w: Walk<D>,
  node: Node<D>,
  s: number,
  depth: number,
): Candidate<D> | undefined {
  const path = w.path
  const len = w.len
  // A loop rather than a call where nothing is left to try after the branch taken (no capture
  // or rest beside a static edge, no rest beside a capture): most steps down are such.
  for (;;) {
    if (s > len) return endOf(w, node)
    const byChar = node.byChar
    const param = node.param
    if (byChar !== undefined) {
      let edge = byChar[s === len ? EMPTY_SLOT : Math.min(path.charCodeAt(s), EMPTY_SLOT - 1)]
      for (; edge !== undefined; edge = edge.next) {
        const key = edge.key
        const end = s + key.length
        // Edges differ in their first segment, so at most one can match.
        if (end <= len && (end === len || path.charCodeAt(end) === 47) && sameAt(path, key, s)) {
          if (param === undefined && node.rests === undefined) {
            node = edge.kid
            s = end + 1
            break
          }
          const found = walkRaw(w, edge.kid, end + 1, depth)
          if (found !== undefined) return found
          edge = undefined
          break
        }
      }
      if (edge !== undefined) continue
    }
    if (param !== undefined) {
      // The end of the segment, and whether it holds a '%', in one loop: segments are short, and
      // two builtin scans (`indexOf` for each) cost more, most on JSC and with many captures.
      let e = s
      for (; e < len; e++) {
        const c = path.charCodeAt(e)
        if (c === 47) break
        if (c === 37) w.escaped = true
      }
      // '', '.' and '..' cannot be capture values: see isSegmentValue in @ferry/kind.
      const n = e - s
      if (
        n > 0 &&
        !(path.charCodeAt(s) === 46 && (n === 1 || (n === 2 && path.charCodeAt(s + 1) === 46)))
      ) {
        w.starts[depth] = s
        w.stops[depth] = e
        if (node.rests === undefined) {
          node = param
          s = e + 1
          depth++
          continue
        }
        const found = walkRaw(w, param, e + 1, depth + 1)
        if (found !== undefined) return found
      }
    }
    return node.rests === undefined ? undefined : restOf(w, node, s)
  }
}

// The candidates of patterns ending at `node` (the path is used up), then of its rests.
function endOf<D>(w: Walk<D>, node: Node<D>): Candidate<D> | undefined {
  const ends = node.ends
  if (ends !== undefined) {
    for (let i = 0; i < ends.length; i++) {
      const e = ends[i]!
      if (!allowed(w, e)) continue
      const c = e.fixed ?? withParams(w, e)
      if (c !== undefined) {
        if (w.out === undefined) return c
        w.out.push(c)
      }
    }
  }
  return node.rests === undefined ? undefined : restOf(w, node, w.len + 1)
}

// The candidates of the rest patterns hanging on `node` for the path from `s`.
function restOf<D>(w: Walk<D>, node: Node<D>, s: number): Candidate<D> | undefined {
  const rests = node.rests!
  for (let i = 0; i < rests.length; i++) {
    const e = rests[i]!
    if (!allowed(w, e)) continue
    const tail = tailOf(w, s)
    if (tail === undefined) return undefined
    const c = withParams(w, e)
    if (c !== undefined && restInto(e, tail, s > 1, c.params)) {
      if (w.out === undefined) return c
      w.out.push(c)
    }
  }
  return undefined
}

// Whether `e` allows the walk's method, noting in `w.maybe` one that does not.
function allowed<D>(w: Walk<D>, e: Entry<D>): boolean {
  if (w.method === '' || allows(e.methods, e.one, w.method)) return true
  w.maybe = true
  return false
}

// The candidate of `e` with its captures decoded from the bounds in `w`, if they all decode.
function withParams<D>(w: Walk<D>, e: Entry<D>): Candidate<D> | undefined {
  const params: Record<string, unknown> = {}
  const ps = e.params
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k]!
    let raw = w.path.slice(w.starts[k], w.stops[k])
    if (w.decoded) raw = unescapeSegment(raw)
    const v = p.codec.decode(raw)
    if (v === undefined) return undefined
    params[p.name] = v
  }
  return { route: e.data, params }
}

// The segments of the path from `s` on (none past its end) for a rest, or `undefined` (noted in
// `w.escaped`) when a raw path holds a '%' there: one scan finds both. A scan and slices beat
// String#split (a runtime call) and two `indexOf` scans; one segment (a file name) is one slice.
function tailOf<D>(w: Walk<D>, s: number): string[] | undefined {
  const path = w.path
  const len = w.len
  if (s > len) return []
  let out: string[] | undefined
  let from = s
  for (; s < len; s++) {
    const c = path.charCodeAt(s)
    if (c === 47) {
      out ??= []
      out.push(path.slice(from, s))
      from = s + 1
    } else if (c === 37 && !w.decoded) {
      w.escaped = true
      return undefined
    }
  }
  if (out === undefined) return [w.decoded ? unescapeSegment(path.slice(from)) : path.slice(from)]
  out.push(path.slice(from))
  return w.decoded ? out.map(unescapeSegment) : out
}

/** The decoded segment `s` of a path as `escapeSegment` wrote it. */
function unescapeSegment(s: string): string {
  return s.indexOf('%') === -1 ? s : s.replace(/%2F|%25/g, (e) => (e === '%2F' ? '/' : '%'))
}

/**
 * `escapeSegment(s)` is the decoded segment `s` with '%' and '/' escaped (`%25`, `%2F`): joined by
 * '/', such segments make a path `walkRaw` can walk with `Walk.decoded` set.
 */
export function escapeSegment(s: string): string {
  return s.indexOf('%') === -1 && s.indexOf('/') === -1
    ? s
    : s.replaceAll('%', '%25').replaceAll('/', '%2F')
}

/**
 * Whether `key` stands in `path` at `s` (which has room for it), as a slice compared whole: the
 * fastest spelling on V8. A char loop is several times slower on Deno's V8 (the Hono set's
 * dynamic lookup: 1.2 µs against 0.7 µs) and no faster on Node's.
 */
export const sameBySlice = (path: string, key: string, s: number): boolean =>
  path.slice(s, s + key.length) === key

/** The same, char by char: the fastest on JSC (Bun's GitHub-set lookups 20% faster than a slice). */
export function sameByChar(path: string, key: string, s: number): boolean {
  for (let i = 0; i < key.length; i++)
    if (path.charCodeAt(s + i) !== key.charCodeAt(i)) return false
  return true
}

// The engines want opposite spellings; Bun is the JSC runtime Ferry serves.
const sameAt = typeof (globalThis as { Bun?: unknown }).Bun === 'object' ? sameByChar : sameBySlice
