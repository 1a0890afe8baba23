import { rest as restCodec } from '@ferry/kind'
import { allows, type Entry, type Node } from './trie.js'

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
