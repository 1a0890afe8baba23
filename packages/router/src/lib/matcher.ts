import { type PatternSegment, splitPath } from '@ferry/kind'
import { escapeSegment, walkRaw } from './walk-raw.js'
import {
  allows,
  type BuildNode,
  type Candidate,
  type Entry,
  newBuildNode,
  type Node,
  type StaticPath,
  seal,
  slotOf,
  type Walk,
} from './trie.js'

export type { Candidate } from './trie.js'

// An escape of a character that `walkRaw` reads as syntax in a path: '%' or '/'.
const SEPARATOR_ESCAPE = /%2[5f]/i

// Where an entry's methods come from when `add` is not told: a CompiledRoute carries them.
const methodsOf = (data: unknown): readonly string[] =>
  (data as { readonly methods?: readonly string[] } | null)?.methods ?? []

/**
 * A matcher is a segment trie over path patterns: one walk over the request's path finds every
 * pattern whose path matches (capture codecs included), most specific first (static, then capture,
 * then rest; registration order among equals), or only the first one that allows a method. A path
 * without percent escapes is walked in place, by index, with no splitting; others are split and
 * decoded first. No code is generated, so it runs where `eval` is forbidden.
 */
export class Matcher<D> {
  #build: BuildNode<D> = newBuildNode()
  #root: Node<D> | undefined
  // The patterns of each fully static raw path (`/about`), in registration order, by the path's
  // length and last char (see `slotOf`): a path is compared with `===` to the few keys of its slot
  // rather than hashed, which costs its whole length on a fresh string.
  #statics: (StaticPath<D> | undefined)[] = []
  // The in-place walk's state: the path, and the bounds of the capture segments on the way down.
  readonly #walk: Walk<D> = {
    path: '',
    len: 0,
    method: '',
    starts: [],
    stops: [],
    out: undefined,
    decoded: false,
    maybe: false,
    escaped: false,
  }

  /**
   * Adds a pattern with the data a match hands back: its segments with the mount prefix's static
   * segments in front (`prefixLength` of them), and the methods it allows (`[]` for any; by
   * default `data.methods`, as a router's compiled route has them).
   */
  add(
    segments: readonly PatternSegment[],
    data: D,
    prefixLength = 0,
    methods: readonly string[] = methodsOf(data),
  ): void {
    let node = this.#build
    const params: Entry<D>['params'][number][] = []
    let rest: Entry<D>['rest']
    let key = ''
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!
      if (s.type === 'static') {
        let next = node.statics.get(s.value)
        if (!next) {
          next = newBuildNode()
          node.statics.set(s.value, next)
        }
        node = next
        key += `/${s.value}`
      } else if (s.type === 'param') {
        node.param ??= newBuildNode()
        node = node.param
        // The segment itself: its name and codec are all a match reads.
        params.push(s)
      } else {
        rest = { atRoot: i === prefixLength, name: s.name, codec: s.codec }
      }
    }
    const fixed =
      params.length === 0 && !rest
        ? Object.freeze({ route: data, params: Object.freeze({}) })
        : undefined
    const one = methods.length === 1 ? methods[0]! : undefined
    const entry: Entry<D> = { data, fixed, params, rest, methods, one }
    if (rest) {
      node.rests ??= []
      node.rests.push(entry)
    } else {
      node.ends ??= []
      node.ends.push(entry)
      // A key with '%' could be hit by an escaped raw path that decodes to something else.
      if (fixed && !key.includes('%')) node.key = key || '/'
    }
    this.#root = undefined
  }

  #sealed(): Node<D> {
    if (this.#root === undefined) {
      // Filled whole, so the array stays a dense one (a sparse one would be a dictionary).
      const statics: (StaticPath<D> | undefined)[] = new Array(2048).fill(undefined)
      this.#root = seal(this.#build, statics)
      this.#statics = statics
    }
    return this.#root
  }

  /**
   * Every candidate for the raw path `rawPath` (starting with `/`), escaped or not, most specific
   * first; `undefined` when it holds a malformed percent escape. With `method`, only the
   * candidates whose pattern allows it (GET ones answer HEAD).
   */
  matchPath(rawPath: string, method = ''): Candidate<D>[] | undefined {
    if (rawPath.indexOf('%') === -1) return this.#all(rawPath, method, false)
    if (!SEPARATOR_ESCAPE.test(rawPath)) {
      // Without `%25` or `%2F` no segment decodes to a '%' or '/': the path decoded as a whole is
      // its decoded segments joined by '/', a path with nothing to unescape. An escape across a
      // '/' is malformed either way (the '/' is no UTF-8 continuation byte).
      let decoded: string
      try {
        decoded = decodeURIComponent(rawPath)
      } catch {
        return undefined
      }
      return this.#all(decoded, method, false)
    }
    const segs = splitPath(rawPath)
    return segs && this.match(segs, method)
  }

  /** Every candidate for the decoded path `segs`, most specific first; with `method` as `matchPath`. */
  match(segs: readonly string[], method = ''): Candidate<D>[] {
    // The decoded segments, with the '%' and '/' they hold escaped, are walked as a raw path is.
    // A loop of `+=` rather than map and join: several times faster for a handful of segments.
    let path = ''
    for (let i = 0; i < segs.length; i++) path += `/${escapeSegment(segs[i]!)}`
    return this.#all(path, method, true)
  }

  #all(path: string, method: string, decoded: boolean): Candidate<D>[] {
    const root = this.#sealed()
    const w = this.#walk
    const out: Candidate<D>[] = []
    w.path = path
    w.len = path.length
    w.out = out
    w.method = method
    w.decoded = decoded
    walkRaw(w, root, 1, 0)
    w.out = undefined
    w.decoded = false
    return out
  }

  /**
   * The first candidate for the raw path `rawPath` whose pattern allows `method` (GET ones answer
   * HEAD), in the order of `matchPath`; `null` when no pattern matches the path under any method;
   * `undefined` when the answer needs the full list (some candidate may match under another
   * method: a 405) or the path holds a percent escape.
   */
  first(method: string, rawPath: string): Candidate<D> | null | undefined {
    const root = this.#sealed()
    const len = rawPath.length
    for (let p = this.#statics[slotOf(rawPath, len)]; p !== undefined; p = p.next) {
      if (p.key !== rawPath) continue
      const ends = p.ends
      for (let i = 0; i < ends.length; i++) {
        const e = ends[i]!
        if (allows(e.methods, e.one, method)) return e.fixed
      }
      break
    }
    const w = this.#walk
    w.path = rawPath
    w.len = len
    w.method = method
    w.maybe = false
    w.escaped = false
    const found = walkRaw(w, root, 1, 0)
    // An escape the walk met: the path must be decoded first (see `Walk.escaped`).
    if (w.escaped) return undefined
    if (found !== undefined) return found
    return w.maybe || rawPath.indexOf('%') !== -1 ? undefined : null
  }
}
