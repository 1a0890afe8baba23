import { rest as restCodec } from '@ferry/kind'
import { allows, EMPTY_SLOT, type Edge, type Entry, type Node, type Walk } from './trie.js'

/**
 * `matchAllRaw(w, node, s, depth)` pushes onto `w.out` every candidate under `node` for the rest
 * of the raw path `w.path` from `s` (where the current segment starts; past the end there are no
 * more segments), `depth` captures deep, most specific first; only those whose pattern allows
 * `w.method` unless it is `''`.
 */
export function matchAllRaw<D>(w: Walk<D>, node: Node<D>, s: number, depth: number): void {
  const path = w.path
  const len = w.len
  if (s > len) {
    const ends = node.ends
    if (ends) for (let i = 0; i < ends.length; i++) takeRaw(w, ends[i]!)
  } else {
    const byChar = node.byChar
    if (byChar !== undefined) {
      let edge = byChar[s === len ? EMPTY_SLOT : Math.min(path.charCodeAt(s), EMPTY_SLOT - 1)]
      for (; edge !== undefined; edge = edge.next) if (edgeRaw(w, edge, s, depth)) break
    }
    if (node.param) {
      const e = slashFrom(path, s, len)
      if (isCaptureRaw(path, s, e)) {
        w.starts[depth] = s
        w.stops[depth] = e
        matchAllRaw(w, node.param, e + 1, depth + 1)
      }
    }
  }
  const rests = node.rests
  if (rests) {
    for (let i = 0; i < rests.length; i++) {
      const entry = rests[i]!
      if (w.method !== '' && !allows(entry.methods, entry.one, w.method)) continue
      const params = paramsRaw(w, entry)
      if (params && restInto(entry, tailRaw(w, s), s > 1, params))
        w.out.push({ route: entry.data, params })
    }
  }
}

/** Whether `path.slice(s, e)` may be a capture value: not '', '.' or '..' (see isSegmentValue). */
export function isCaptureRaw(path: string, s: number, e: number): boolean {
  const n = e - s
  return (
    n > 0 && !(path.charCodeAt(s) === 46 && (n === 1 || (n === 2 && path.charCodeAt(s + 1) === 46)))
  )
}

/** The segments of the raw path from `s` on (none past its end), for a rest capture. */
export function tailRaw<D>(w: Walk<D>, s: number): string[] {
  const out: string[] = []
  if (s > w.len) return out
  // A scan and slices beat String#split on a fresh string (split goes through the runtime).
  const path = w.path
  const len = w.len
  for (;;) {
    const e = slashFrom(path, s, len)
    out.push(path.slice(s, e))
    if (e === len) return out
    s = e + 1
  }
}

/**
 * The index of the first '/' in `path` at or after `s`, or `len` (the path's length). A plain
 * loop: segments are short, and `indexOf` costs a builtin call with its own setup each time.
 */
export function slashFrom(path: string, s: number, len: number): number {
  while (s < len && path.charCodeAt(s) !== 47) s++
  return s
}

/**
 * Whether `key` stands in `path` at `s` (which has room for it), compared char by char from its
 * second char: the edge was picked by the first (see `byChar`; past ASCII, a key is compared whole).
 */
export function sameAt(path: string, key: string, s: number): boolean {
  const n = key.length
  if (n > 16 || key.charCodeAt(0) >= EMPTY_SLOT - 1) return path.startsWith(key, s)
  for (let i = 1; i < n; i++) if (path.charCodeAt(s + i) !== key.charCodeAt(i)) return false
  return true
}

// Follows `edge` when its whole label stands at `s` and ends at a segment boundary.
function edgeRaw<D>(w: Walk<D>, edge: Edge<D>, s: number, depth: number): boolean {
  const key = edge.key
  const end = s + key.length
  if (end > w.len || (end !== w.len && w.path.charCodeAt(end) !== 47) || !sameAt(w.path, key, s))
    return false
  matchAllRaw(w, edge.kid, end + 1, depth)
  return true
}

/** The decoded captures of `e` from the capture bounds of `w`, or `undefined` when one fails. */
export function paramsRaw<D>(w: Walk<D>, e: Entry<D>): Record<string, unknown> | undefined {
  const params: Record<string, unknown> = {}
  const ps = e.params
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k]!
    const v = p.codec.decode(w.path.slice(w.starts[k], w.stops[k]))
    if (v === undefined) return undefined
    params[p.name] = v
  }
  return params
}

function takeRaw<D>(w: Walk<D>, e: Entry<D>): void {
  if (w.method !== '' && !allows(e.methods, e.one, w.method)) return
  if (e.fixed) {
    w.out.push(e.fixed)
    return
  }
  const params = paramsRaw(w, e)
  if (params) w.out.push({ route: e.data, params })
}

/**
 * `matchAll(node, segs, i, out)` pushes onto `out` every candidate under `node` for the decoded
 * segments `segs` from `i` on, most specific first; only those whose pattern allows `method`
 * unless it is `''`.
 */
export function matchAll<D>(
  node: Node<D>,
  segs: readonly string[],
  i: number,
  out: { route: D; params: Record<string, unknown> }[],
  method: string,
): void {
  if (i === segs.length) {
    if (node.ends)
      for (const e of node.ends)
        if (method === '' || allows(e.methods, e.one, method)) take(e, segs, out)
  } else {
    const seg = segs[i]!
    const k = node.firsts.get(seg)
    if (k !== undefined) {
      const ks = node.keySegs[k]!
      let j = 1
      while (j < ks.length && segs[i + j] === ks[j]) j++
      if (j === ks.length) matchAll(node.kids[k]!, segs, i + j, out, method)
    }
    // '', '.' and '..' cannot be capture values: see isSegmentValue in @ferry/kind.
    if (node.param && seg !== '' && seg !== '.' && seg !== '..')
      matchAll(node.param, segs, i + 1, out, method)
  }
  if (node.rests) {
    for (const e of node.rests) {
      if (method !== '' && !allows(e.methods, e.one, method)) continue
      const params = decodeParams(e, segs)
      if (params && restInto(e, segs.slice(i), i > 0, params)) out.push({ route: e.data, params })
    }
  }
}

function decodeParams<D>(
  e: Entry<D>,
  segs: readonly string[],
): Record<string, unknown> | undefined {
  const params: Record<string, unknown> = {}
  for (const p of e.params) {
    const v = p.codec.decode(segs[p.index]!)
    if (v === undefined) return undefined
    params[p.name] = v
  }
  return params
}

function take<D>(
  e: Entry<D>,
  segs: readonly string[],
  out: { route: D; params: Record<string, unknown> }[],
): void {
  if (e.fixed) {
    out.push(e.fixed)
    return
  }
  const params = decodeParams(e, segs)
  if (params) out.push({ route: e.data, params })
}

/**
 * Decodes a rest capture from `tail` (the remaining segments) into `params`; false when it does
 * not match. A rest that is a kind's whole path has two rules: `/` is the empty list (a path
 * cannot be shorter than `/`), and a leading empty segment (`//x`) is no path an href can make.
 * Under a mount (`mounted`), the root is the prefix itself, so `/prefix/` is the trailing-slash
 * form of `/prefix`, not a value of its own.
 */
export function restInto<D>(
  e: Entry<D>,
  tail: string[],
  mounted: boolean,
  params: Record<string, unknown>,
): boolean {
  const r = e.rest!
  if (r.atRoot) {
    if (tail.length > 1 && tail[0] === '') return false
    if (tail.length === 1 && tail[0] === '') {
      if (mounted) return false
      tail = []
    }
  }
  // The built-in `rest` keeps the segments as they are; `tail` is ours, so no copy is needed.
  const v = r.codec === restCodec ? (hasDotSegment(tail) ? undefined : tail) : r.codec.decode(tail)
  if (v === undefined) return false
  params[r.name] = v
  return true
}

function hasDotSegment(tail: readonly string[]): boolean {
  for (let i = 0; i < tail.length; i++) {
    const s = tail[i]!
    if (s === '.' || s === '..') return true
  }
  return false
}
