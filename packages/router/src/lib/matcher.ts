import { type Codec, joinPath, type PatternSegment, type RestCodec } from '@ferry/kind'

/** A route the matcher found for a path, with its decoded captures. */
export interface Candidate<D> {
  readonly route: D
  readonly params: Record<string, unknown>
}

interface Entry<D> {
  readonly data: D
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
  statics: Map<string, Node<D>> | undefined
  param: Node<D> | undefined
  ends: Entry<D>[] | undefined
  rests: Entry<D>[] | undefined
}

const newNode = <D>(): Node<D> => ({
  statics: undefined,
  param: undefined,
  ends: undefined,
  rests: undefined,
})

/**
 * A matcher is a segment trie over path patterns: one walk over the request's segments finds every
 * pattern whose path matches (capture codecs included), most specific first (static, then capture,
 * then rest; registration order among equals). Fully static paths are answered from a table
 * computed by `seal()`. No code is generated, so it runs where `eval` is forbidden.
 */
export class Matcher<D> {
  #root: Node<D> = newNode()
  #statics = new Map<string, readonly Candidate<D>[]>()
  #staticPaths: string[][] = []

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
        node.statics ??= new Map()
        let next = node.statics.get(s.value)
        if (!next) {
          next = newNode()
          node.statics.set(s.value, next)
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

  /** Every candidate for the decoded path `segs`, most specific first. */
  match(segs: readonly string[]): Candidate<D>[] {
    const out: Candidate<D>[] = []
    walk(this.#root, segs, 0, out)
    return out
  }
}

function walk<D>(node: Node<D>, segs: readonly string[], i: number, out: Candidate<D>[]): void {
  if (i === segs.length) {
    if (node.ends) for (const e of node.ends) take(e, segs, out)
  } else {
    const seg = segs[i]!
    const next = node.statics?.get(seg)
    if (next) walk(next, segs, i + 1, out)
    // '', '.' and '..' cannot be capture values: see isSegmentValue in @ferry/kind.
    if (node.param && seg !== '' && seg !== '.' && seg !== '..') walk(node.param, segs, i + 1, out)
  }
  if (node.rests) for (const e of node.rests) takeRest(e, segs, i, out)
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

function takeRest<D>(e: Entry<D>, segs: readonly string[], i: number, out: Candidate<D>[]): void {
  const r = e.rest!
  let tail = segs.slice(i)
  if (r.atRoot) {
    // A rest that is a kind's whole path: `/` is the empty list and a leading empty segment
    // (`//x`) is no path an href can make. Under a mount the root is the prefix itself, so
    // `/prefix/` is the trailing-slash form of `/prefix`, not a value of its own.
    if (tail.length > 1 && tail[0] === '') return
    if (tail.length === 1 && tail[0] === '') {
      if (i > 0) return
      tail = []
    }
  }
  const params = decodeParams(e, segs)
  if (!params) return
  const v = r.codec.decode(tail)
  if (v === undefined) return
  params[r.name] = v
  out.push({ route: e.data, params })
}
