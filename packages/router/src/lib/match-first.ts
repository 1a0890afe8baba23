import { isCaptureRaw, paramsRaw, restInto, sameAt, slashFrom, tailRaw } from './match-all.js'
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
  if (s > len) {
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
  } else {
    const byChar = node.byChar
    if (byChar !== undefined) {
      const edges = byChar[s === len ? EMPTY_SLOT : Math.min(path.charCodeAt(s), EMPTY_SLOT - 1)]
      if (edges !== undefined) {
        const keys = node.keys
        for (let j = 0; j < edges.length; j++) {
          const i = edges[j]!
          const key = keys[i]!
          const end = s + key.length
          // Edges differ in their first segment, so at most one can match.
          if (end <= len && (end === len || path.charCodeAt(end) === 47) && sameAt(path, key, s)) {
            const found = firstRaw(w, node.kids[i]!, end + 1, depth)
            if (found !== undefined) return found
            break
          }
        }
      }
    }
    const param = node.param
    if (param !== undefined) {
      const e = slashFrom(path, s, len)
      if (isCaptureRaw(path, s, e)) {
        w.starts[depth] = s
        w.stops[depth] = e
        const found = firstRaw(w, param, e + 1, depth + 1)
        if (found !== undefined) return found
      }
    }
  }
  const rests = node.rests
  if (rests !== undefined) {
    for (let i = 0; i < rests.length; i++) {
      const e = rests[i]!
      if (!allows(e.methods, e.one, w.method)) {
        w.maybe = true
        continue
      }
      const params = paramsRaw(w, e)
      if (params !== undefined && restInto(e, tailRaw(w, s), s > 1, params))
        return { route: e.data, params }
    }
  }
  return undefined
}
