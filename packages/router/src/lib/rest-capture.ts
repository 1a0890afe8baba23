import { rest as restCodec } from '@ferry/kind'
import type { Entry } from './trie.js'

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
