import { type Kind, patternOf, splitPath } from '@ferry/kind'
import { type Candidate, Matcher } from './matcher.js'

/** A path matcher over pattern kinds: the router's step 1 on its own, for benchmarks and tools. */
export interface PathMatcher<D> {
  /** Adds a pattern kind with the data a match hands back. Throws for a custom kind. */
  add(kind: Kind, data: D): void
  /**
   * Every match for a raw URL path (`/posts/7`), most specific first, with decoded captures; `[]`
   * for none and `undefined` for a malformed percent escape. Methods are not considered.
   */
  match(rawPath: string): readonly Candidate<D>[] | undefined
}

/** `createMatcher()` is an empty path matcher (the router's own segment trie). */
export function createMatcher<D>(): PathMatcher<D> {
  const m = new Matcher<D>()
  return {
    add(kind, data) {
      const p = patternOf(kind)
      if (!p) throw new TypeError(`createMatcher() takes pattern kinds; "${kind.name}" is custom`)
      m.add(p.segments, data)
    },
    match(rawPath) {
      const fast = m.matchRaw(rawPath)
      if (fast !== undefined) return fast
      const segs = splitPath(rawPath)
      return segs && m.match(segs)
    },
  }
}
