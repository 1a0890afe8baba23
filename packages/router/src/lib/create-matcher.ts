import { type Kind, patternOf } from '@ferry/kind'
import { type Candidate, Matcher } from './matcher.js'

/** A path matcher over pattern kinds: the router's steps 1 and 2 on their own, for benchmarks and tools. */
export interface PathMatcher<D> {
  /** Adds a pattern kind with the data a match hands back. Throws for a custom kind. */
  add(kind: Kind, data: D): void
  /**
   * Every match for a raw URL path (`/posts/7`), most specific first, with decoded captures; `[]`
   * for none and `undefined` for a malformed percent escape. Methods are not considered.
   */
  match(rawPath: string): readonly Candidate<D>[] | undefined
  /**
   * The match the router dispatches a request for `method` and the raw URL path `rawPath` to: the
   * first of `match(rawPath)` whose kind allows `method` (GET kinds answer HEAD), or `undefined`
   * (no match, or a malformed percent escape). It stops at that match instead of listing all.
   */
  matchFirst(method: string, rawPath: string): Candidate<D> | undefined
}

/** `createMatcher()` is an empty path matcher (the router's own segment trie). */
export function createMatcher<D>(): PathMatcher<D> {
  const m = new Matcher<D>()
  return {
    add(kind, data) {
      const p = patternOf(kind)
      if (!p) throw new TypeError(`createMatcher() takes pattern kinds; "${kind.name}" is custom`)
      m.add(p.segments, data, 0, kind.methods)
    },
    match: (rawPath) => m.matchPath(rawPath),
    matchFirst(method, rawPath) {
      const first = m.first(method, rawPath)
      if (first !== undefined) return first ?? undefined
      // A percent escape, or a pattern only another method allows: the full list decides.
      return m.matchPath(rawPath, method)?.[0]
    },
  }
}
