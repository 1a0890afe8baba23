import { isCaptureRaw, paramsRaw, restInto, sameAt } from './match-all.js'
import { allows, type Candidate, EMPTY_SLOT, type Node, type Walk } from './trie.js'

/**
 * `firstRaw(w, node, s, depth)` is the first candidate under `node` (in the order `matchAllRaw`
 * lists them) for the raw path `w.path` from `s`, `depth` captures deep, whose pattern allows
 * `w.method`, or `undefined`. It decodes captures only for a pattern that allows the method, and
 * a rest only once the more specific branches below its node have failed; it sets `w.maybe` when
 * it passes a pattern that only another method allows.
 */
export function firstRaw<D>(
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
          const found = firstRaw(w, edge.kid, end + 1, depth)
          if (found !== undefined) return found
          edge = undefined
          break
        }
      }
      if (edge !== undefined) continue
    }
    if (param !== undefined) {
      const e = segmentEnd(w, s)
      if (isCaptureRaw(path, s, e)) {
        w.starts[depth] = s
        w.stops[depth] = e
        if (node.rests === undefined) {
          node = param
          s = e + 1
          depth++
          continue
        }
        const found = firstRaw(w, param, e + 1, depth + 1)
        if (found !== undefined) return found
      }
    }
    return node.rests === undefined ? undefined : restOf(w, node, s)
  }
}

// The first pattern ending at `node` (the path is used up) that allows the method and decodes.
function endOf<D>(w: Walk<D>, node: Node<D>): Candidate<D> | undefined {
  const ends = node.ends
  if (ends !== undefined) {
    for (let i = 0; i < ends.length; i++) {
      const e = ends[i]!
      if (!allows(e.methods, e.one, w.method)) {
        w.maybe = true
        continue
      }
      if (e.fixed !== undefined) return e.fixed
      const params = paramsRaw(w, e)
      if (params !== undefined) return { route: e.data, params }
    }
  }
  return node.rests === undefined ? undefined : restOf(w, node, w.len + 1)
}

// The first rest pattern hanging on `node` that allows the method and decodes the path from `s`.
function restOf<D>(w: Walk<D>, node: Node<D>, s: number): Candidate<D> | undefined {
  const rests = node.rests!
  for (let i = 0; i < rests.length; i++) {
    const e = rests[i]!
    if (!allows(e.methods, e.one, w.method)) {
      w.maybe = true
      continue
    }
    const tail = tailFirst(w, s)
    if (tail === undefined) return undefined
    const params = paramsRaw(w, e)
    if (params !== undefined && restInto(e, tail, s > 1, params)) return { route: e.data, params }
  }
  return undefined
}

// The end of the segment at `s` (the next '/' or the path's end), noting a '%' on the way.
function segmentEnd<D>(w: Walk<D>, s: number): number {
  const path = w.path
  const len = w.len
  for (; s < len; s++) {
    const c = path.charCodeAt(s)
    if (c === 47) break
    if (c === 37) w.escaped = true
  }
  return s
}

// The segments of the path from `s` on for a rest, or `undefined` (noted in `w.escaped`) when they
// hold a '%': one scan finds both.
function tailFirst<D>(w: Walk<D>, s: number): string[] | undefined {
  const out: string[] = []
  const path = w.path
  const len = w.len
  if (s > len) return out
  let from = s
  for (; s < len; s++) {
    const c = path.charCodeAt(s)
    if (c === 47) {
      out.push(path.slice(from, s))
      from = s + 1
    } else if (c === 37) {
      w.escaped = true
      return undefined
    }
  }
  out.push(path.slice(from))
  return out
}
