import { type Codec, joinPath, type PatternSegment, type RestCodec } from '@ferry/kind'

/** A route the matcher found for a path, with its decoded captures. */
export interface Candidate<D> {
  readonly route: D
  readonly params: Record<string, unknown>
}

interface Entry<D> {
  readonly data: D
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

interface Node<D> {
  /** Static children: parallel arrays, compared in place while few, through `map` beyond. */
  keys: string[]
  kids: Node<D>[]
  map: Map<string, Node<D>> | undefined
  param: Node<D> | undefined
  ends: Entry<D>[] | undefined
  rests: Entry<D>[] | undefined
}

// Past this many static children a Map lookup beats comparing in place.
const SCAN_LIMIT = 6

const newNode = <D>(): Node<D> => ({
  keys: [],
  kids: [],
  map: undefined,
  param: undefined,
  ends: undefined,
  rests: undefined,
})

function staticChild<D>(node: Node<D>, key: string): Node<D> | undefined {
  if (node.map) return node.map.get(key)
  const i = node.keys.indexOf(key)
  return i === -1 ? undefined : node.kids[i]
}

/**
 * A matcher is a segment trie over path patterns: one walk over the request's path finds every
 * pattern whose path matches (capture codecs included), most specific first (static, then capture,
 * then rest; registration order among equals). Fully static paths are answered from a table
 * computed by `seal()`. A path without percent escapes is walked in place, by index, with no
 * splitting; others are split and decoded first. No code is generated, so it runs where `eval` is
 * forbidden.
 */
export class Matcher<D> {
  #root: Node<D> = newNode()
  #statics = new Map<string, readonly Candidate<D>[]>()
  #staticPaths: string[][] = []
  // The in-place walk's state: the path, and the bounds of the capture segments on the way down.
  #path = ''
  #starts: number[] = []
  #stops: number[] = []

  /**
   * Adds a pattern with the data a match hands back: its segments with the mount prefix's static
   * segments in front (`prefixLength` of them).
   */
  add(segments: readonly PatternSegment[], data: D, prefixLength = 0): void {
    let node = this.#root
    const params: Entry<D>['params'][number][] = []
    let rest: Entry<D>['rest']
    let isStatic = true
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!
      if (s.type === 'static') {
        let next = staticChild(node, s.value)
        if (!next) {
          next = newNode()
          node.keys.push(s.value)
          node.kids.push(next)
          if (node.keys.length > SCAN_LIMIT)
            node.map = new Map(node.keys.map((k, j) => [k, node.kids[j]!]))
        }
        node = next
      } else if (s.type === 'param') {
        isStatic = false
        node.param ??= newNode()
        node = node.param
        params.push({ index: i, name: s.name, codec: s.codec })
      } else {
        isStatic = false
        rest = { atRoot: i === prefixLength, name: s.name, codec: s.codec }
      }
    }
    const entry: Entry<D> = { data, params, rest }
    if (rest) {
      node.rests ??= []
      node.rests.push(entry)
    } else {
      node.ends ??= []
      node.ends.push(entry)
    }
    if (isStatic) this.#staticPaths.push(segments.map((s) => (s as { value: string }).value))
  }

  /**
   * Precomputes the answers for fully static paths, keyed by their canonical raw form. Call after
   * the last `add`; a later `add` needs another `seal`.
   */
  seal(): void {
    this.#statics.clear()
    for (const segs of this.#staticPaths) {
      const found = this.match(segs)
      for (const c of found) Object.freeze(c.params)
      this.#statics.set(joinPath(segs.length === 0 ? [''] : segs), Object.freeze(found))
    }
  }

  /** The candidates for a raw path that is exactly a static pattern's canonical path, if any. */
  lookupStatic(rawPath: string): readonly Candidate<D>[] | undefined {
    return this.#statics.get(rawPath)
  }

  /**
   * Every candidate for the raw path `rawPath` (starting with `/`), or `undefined` when it holds a
   * percent escape: such a path must be split and decoded (`splitPath`) and given to `match`.
   */
  matchRaw(rawPath: string): Candidate<D>[] | undefined {
    if (rawPath.indexOf('%') !== -1) return undefined
    const out: Candidate<D>[] = []
    this.#path = rawPath
    this.#walkRaw(this.#root, 1, 0, out)
    return out
  }

  /** Every candidate for the decoded path `segs`, most specific first. */
  match(segs: readonly string[]): Candidate<D>[] {
    const out: Candidate<D>[] = []
    walk(this.#root, segs, 0, out)
    return out
  }

  // `s` is where the current segment starts; past the end of the path there are no more.
  #walkRaw(node: Node<D>, s: number, depth: number, out: Candidate<D>[]): void {
    const path = this.#path
    const len = path.length
    if (s > len) {
      if (node.ends) for (const e of node.ends) this.#takeRaw(e, out)
    } else {
      let e = path.indexOf('/', s)
      if (e === -1) e = len
      const n = e - s
      if (node.map) {
        const next = node.map.get(path.slice(s, e))
        if (next) this.#walkRaw(next, e + 1, depth, out)
      } else {
        const keys = node.keys
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!
          if (k.length === n && path.startsWith(k, s)) {
            this.#walkRaw(node.kids[i]!, e + 1, depth, out)
            break
          }
        }
      }
      // '', '.' and '..' cannot be capture values: see isSegmentValue in @ferry/kind.
      if (
        node.param &&
        n > 0 &&
        !(path.charCodeAt(s) === 46 && (n === 1 || (n === 2 && path.charCodeAt(s + 1) === 46)))
      ) {
        this.#starts[depth] = s
        this.#stops[depth] = e
        this.#walkRaw(node.param, e + 1, depth + 1, out)
      }
    }
    if (node.rests) {
      for (const entry of node.rests) {
        const tail = s > len ? [] : path.slice(s).split('/')
        const params = this.#paramsRaw(entry)
        if (params && restInto(entry, tail, s > 1, params)) out.push({ route: entry.data, params })
      }
    }
  }

  #paramsRaw(e: Entry<D>): Record<string, unknown> | undefined {
    const params: Record<string, unknown> = {}
    const ps = e.params
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k]!
      const v = p.codec.decode(this.#path.slice(this.#starts[k], this.#stops[k]))
      if (v === undefined) return undefined
      params[p.name] = v
    }
    return params
  }

  #takeRaw(e: Entry<D>, out: Candidate<D>[]): void {
    const params = this.#paramsRaw(e)
    if (params) out.push({ route: e.data, params })
  }
}

function walk<D>(node: Node<D>, segs: readonly string[], i: number, out: Candidate<D>[]): void {
  if (i === segs.length) {
    if (node.ends) for (const e of node.ends) take(e, segs, out)
  } else {
    const seg = segs[i]!
    const next = staticChild(node, seg)
    if (next) walk(next, segs, i + 1, out)
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
  const v = r.codec.decode(tail)
  if (v === undefined) return false
  params[r.name] = v
  return true
}
