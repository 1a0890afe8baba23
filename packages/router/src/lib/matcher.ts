import { type Codec, type PatternSegment, type RestCodec, rest as restCodec } from '@ferry/kind'

/** A route the matcher found for a path, with its decoded captures. */
export interface Candidate<D> {
  readonly route: D
  readonly params: Record<string, unknown>
}

interface Entry<D> {
  readonly data: D
  /** The candidate itself when the entry has no captures at all (shared, frozen). */
  readonly fixed: Candidate<D> | undefined
  /** Captures in path order (the k-th is the k-th capture segment) with their segment index. */
  readonly params: readonly {
    readonly index: number
    readonly name: string
    readonly codec: Codec<unknown>
  }[]
  readonly rest:
    | { readonly atRoot: boolean; readonly name: string; readonly codec: RestCodec<unknown> }
    | undefined
}

/** A trie node as built by `add`: one static segment per edge. */
interface BuildNode<D> {
  statics: Map<string, BuildNode<D>>
  param: BuildNode<D> | undefined
  ends: Entry<D>[] | undefined
  rests: Entry<D>[] | undefined
}

/**
 * A node of the sealed trie. A static edge may span several segments (`very/deeply/nested`) when
 * the nodes between have nothing else, so a long static path is one comparison. Edges of a node
 * differ in their first segment.
 */
interface Node<D> {
  /** Edge labels as raw text (`a/b`) and as segments (`['a', 'b']`), and where they lead. */
  readonly keys: readonly string[]
  readonly keySegs: readonly (readonly string[])[]
  readonly kids: readonly Node<D>[]
  /** First segment → edge index, when there are too many edges to compare one by one. */
  readonly firsts: ReadonlyMap<string, number> | undefined
  /**
   * First character → the edges whose label starts with it, as a dense array over ASCII (raw paths
   * without escapes are ASCII); slot 128 holds the empty label.
   */
  readonly byChar: readonly (readonly number[] | undefined)[]
  readonly param: Node<D> | undefined
  readonly ends: readonly Entry<D>[] | undefined
  readonly rests: readonly Entry<D>[] | undefined
}

// The slot of `byChar` for the empty edge label (a trailing slash); 127 gathers anything past ASCII.
const EMPTY_SLOT = 128

// Past this many edges a Map lookup on the first segment beats comparing in place.
const SCAN_LIMIT = 6

const newBuildNode = <D>(): BuildNode<D> => ({
  statics: new Map(),
  param: undefined,
  ends: undefined,
  rests: undefined,
})

function seal<D>(b: BuildNode<D>): Node<D> {
  const keys: string[] = []
  const keySegs: string[][] = []
  const kids: Node<D>[] = []
  for (const [first, start] of b.statics) {
    const segs = [first]
    let n = start
    // Fold a chain of nodes that only lead on to one static segment into this edge.
    while (n.statics.size === 1 && !n.param && !n.ends && !n.rests) {
      const [k, next] = n.statics.entries().next().value!
      segs.push(k)
      n = next
    }
    keys.push(segs.join('/'))
    keySegs.push(segs)
    kids.push(seal(n))
  }
  const byChar: (number[] | undefined)[] = new Array(129).fill(undefined)
  keys.forEach((k, i) => {
    const c = k.length === 0 ? EMPTY_SLOT : Math.min(k.charCodeAt(0), EMPTY_SLOT - 1)
    const list = byChar[c] ?? []
    list.push(i)
    byChar[c] = list
  })
  return {
    keys,
    keySegs,
    kids,
    byChar,
    firsts: keys.length > SCAN_LIMIT ? new Map(keySegs.map((s, i) => [s[0]!, i])) : undefined,
    param: b.param && seal(b.param),
    ends: b.ends,
    rests: b.rests,
  }
}

/**
 * A matcher is a segment trie over path patterns: one walk over the request's path finds every
 * pattern whose path matches (capture codecs included), most specific first (static, then capture,
 * then rest; registration order among equals). A path without percent escapes is walked in place,
 * by index, with no splitting; others are split and decoded first. No code is generated, so it runs
 * where `eval` is forbidden.
 */
export class Matcher<D> {
  #build: BuildNode<D> = newBuildNode()
  #root: Node<D> | undefined
  // The in-place walk's state: the path, and the bounds of the capture segments on the way down.
  readonly #walk: RawWalk<D> = { path: '', len: 0, starts: [], stops: [], out: [] }

  /**
   * Adds a pattern with the data a match hands back: its segments with the mount prefix's static
   * segments in front (`prefixLength` of them).
   */
  add(segments: readonly PatternSegment[], data: D, prefixLength = 0): void {
    let node = this.#build
    const params: Entry<D>['params'][number][] = []
    let rest: Entry<D>['rest']
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!
      if (s.type === 'static') {
        let next = node.statics.get(s.value)
        if (!next) {
          next = newBuildNode()
          node.statics.set(s.value, next)
        }
        node = next
      } else if (s.type === 'param') {
        node.param ??= newBuildNode()
        node = node.param
        params.push({ index: i, name: s.name, codec: s.codec })
      } else {
        rest = { atRoot: i === prefixLength, name: s.name, codec: s.codec }
      }
    }
    const fixed =
      params.length === 0 && !rest
        ? Object.freeze({ route: data, params: Object.freeze({}) })
        : undefined
    const entry: Entry<D> = { data, fixed, params, rest }
    if (rest) {
      node.rests ??= []
      node.rests.push(entry)
    } else {
      node.ends ??= []
      node.ends.push(entry)
    }
    this.#root = undefined
  }

  #sealed(): Node<D> {
    this.#root ??= seal(this.#build)
    return this.#root
  }

  /**
   * Every candidate for the raw path `rawPath` (starting with `/`), or `undefined` when it holds a
   * percent escape: such a path must be split and decoded (`splitPath`) and given to `match`.
   */
  matchRaw(rawPath: string): Candidate<D>[] | undefined {
    if (rawPath.indexOf('%') !== -1) return undefined
    const w = this.#walk
    const out: Candidate<D>[] = []
    w.path = rawPath
    w.len = rawPath.length
    w.out = out
    walkRaw(w, this.#sealed(), 1, 0)
    return out
  }

  /** Every candidate for the decoded path `segs`, most specific first. */
  match(segs: readonly string[]): Candidate<D>[] {
    const out: Candidate<D>[] = []
    walk(this.#sealed(), segs, 0, out)
    return out
  }
}

interface RawWalk<D> {
  path: string
  len: number
  starts: number[]
  stops: number[]
  out: Candidate<D>[]
}

// `s` is where the current segment starts; past the end of the path there are no more.
function walkRaw<D>(w: RawWalk<D>, node: Node<D>, s: number, depth: number): void {
  const path = w.path
  const len = w.len
  if (s > len) {
    const ends = node.ends
    if (ends) for (let i = 0; i < ends.length; i++) takeRaw(w, ends[i]!)
  } else {
    const keys = node.keys
    if (node.firsts) {
      let e = path.indexOf('/', s)
      if (e === -1) e = len
      const i = node.firsts.get(path.slice(s, e))
      if (i !== undefined) edgeRaw(w, node, i, s, depth)
    } else if (keys.length > 0) {
      const edges =
        node.byChar[s === len ? EMPTY_SLOT : Math.min(path.charCodeAt(s), EMPTY_SLOT - 1)]
      if (edges !== undefined)
        for (let j = 0; j < edges.length; j++) if (edgeRaw(w, node, edges[j]!, s, depth)) break
    }
    if (node.param) {
      let e = path.indexOf('/', s)
      if (e === -1) e = len
      const n = e - s
      // '', '.' and '..' cannot be capture values: see isSegmentValue in @ferry/kind.
      if (
        n > 0 &&
        !(path.charCodeAt(s) === 46 && (n === 1 || (n === 2 && path.charCodeAt(s + 1) === 46)))
      ) {
        w.starts[depth] = s
        w.stops[depth] = e
        walkRaw(w, node.param, e + 1, depth + 1)
      }
    }
  }
  if (node.rests) {
    for (const entry of node.rests) {
      const params = paramsRaw(w, entry)
      const tail = s > len ? [] : path.slice(s).split('/')
      if (params && restInto(entry, tail, s > 1, params)) w.out.push({ route: entry.data, params })
    }
  }
}

// Follows edge `i` when its whole label stands at `s` and ends at a segment boundary.
function edgeRaw<D>(w: RawWalk<D>, node: Node<D>, i: number, s: number, depth: number): boolean {
  const key = node.keys[i]!
  const end = s + key.length
  if (end > w.len || (end !== w.len && w.path.charCodeAt(end) !== 47) || !w.path.startsWith(key, s))
    return false
  walkRaw(w, node.kids[i]!, end + 1, depth)
  return true
}

function paramsRaw<D>(w: RawWalk<D>, e: Entry<D>): Record<string, unknown> | undefined {
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

function takeRaw<D>(w: RawWalk<D>, e: Entry<D>): void {
  if (e.fixed) {
    w.out.push(e.fixed)
    return
  }
  const params = paramsRaw(w, e)
  if (params) w.out.push({ route: e.data, params })
}

function walk<D>(node: Node<D>, segs: readonly string[], i: number, out: Candidate<D>[]): void {
  if (i === segs.length) {
    if (node.ends) for (const e of node.ends) take(e, segs, out)
  } else {
    const seg = segs[i]!
    const k = node.firsts ? node.firsts.get(seg) : node.keySegs.findIndex((ks) => ks[0] === seg)
    if (k !== undefined && k !== -1) {
      const ks = node.keySegs[k]!
      let j = 1
      while (j < ks.length && segs[i + j] === ks[j]) j++
      if (j === ks.length) walk(node.kids[k]!, segs, i + j, out)
    }
    // '', '.' and '..' cannot be capture values: see isSegmentValue in @ferry/kind.
    if (node.param && seg !== '' && seg !== '.' && seg !== '..') walk(node.param, segs, i + 1, out)
  }
  if (node.rests) {
    for (const e of node.rests) {
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

function take<D>(e: Entry<D>, segs: readonly string[], out: Candidate<D>[]): void {
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
function restInto<D>(
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
  const v =
    r.codec === restCodec ? (tail.some(isDotSegment) ? undefined : tail) : r.codec.decode(tail)
  if (v === undefined) return false
  params[r.name] = v
  return true
}

function isDotSegment(s: string): boolean {
  return s === '.' || s === '..'
}
