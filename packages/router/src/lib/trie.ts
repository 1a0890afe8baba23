import { allowsMethod, type Codec, type RestCodec } from '@ferry/kind'

/** A route the matcher found for a path, with its decoded captures. */
export interface Candidate<D> {
  readonly route: D
  readonly params: Record<string, unknown>
}

/** A pattern as the trie keeps it, at the node where it ends (or where its rest starts). */
export interface Entry<D> {
  readonly data: D
  /** The candidate itself when the entry has no captures at all (shared, frozen). */
  readonly fixed: Candidate<D> | undefined
  /** Captures in path order (the k-th is the k-th capture segment): their names and codecs. */
  readonly params: readonly { readonly name: string; readonly codec: Codec<unknown> }[]
  readonly rest:
    | { readonly atRoot: boolean; readonly name: string; readonly codec: RestCodec<unknown> }
    | undefined
  /** The methods the pattern allows (`[]`: any), and the only one when there is one. */
  readonly methods: readonly string[]
  readonly one: string | undefined
}

/** A trie node as built by `add`: one static segment per edge. */
export interface BuildNode<D> {
  statics: Map<string, BuildNode<D>>
  param: BuildNode<D> | undefined
  ends: Entry<D>[] | undefined
  rests: Entry<D>[] | undefined
  /** The raw path of a node reached by static segments only, when a pattern ends there. */
  key: string | undefined
}

/**
 * A node of the sealed trie. A static edge may span several segments (`very/deeply/nested`) when
 * the nodes between have nothing else, so a long static path is one comparison. Edges of a node
 * differ in their first segment.
 */
export interface Node<D> {
  /**
   * First character → the first edge whose label starts with it, as a dense array over ASCII;
   * slot 127 gathers anything past ASCII, slot 128 holds the empty label. `undefined` without
   * edges. Labels are raw text (`a/b`) with '%' written `%25`, as `walkRaw` sees a decoded path.
   */
  readonly byChar: readonly (Edge<D> | undefined)[] | undefined
  readonly param: Node<D> | undefined
  readonly ends: readonly Entry<D>[] | undefined
  readonly rests: readonly Entry<D>[] | undefined
}

/** A static edge for raw walks: its label, where it leads, and the next edge with its first char. */
export interface Edge<D> {
  readonly key: string
  readonly kid: Node<D>
  readonly next: Edge<D> | undefined
}

/** The state of one in-place walk over a raw path. */
export interface Walk<D> {
  path: string
  len: number
  method: string
  /** Bounds of the capture segments on the way down (the k-th capture is `starts[k]..stops[k]`). */
  starts: number[]
  stops: number[]
  /** Where a full walk puts every candidate; unset for a first-match walk. */
  out: Candidate<D>[] | undefined
  /**
   * Whether the path is a decoded one with '%' and '/' inside segments escaped (`%25`, `%2F`), so
   * captures are unescaped before their codecs see them; otherwise it is a raw request path.
   */
  decoded: boolean
  /** Whether the walk passed a pattern that matches the path under another method. */
  maybe: boolean
  /**
   * Whether a raw walk met a '%' in a capture segment or a rest it was about to decode. A static label
   * matches a raw path only where the path spells it as the label does (a '%' as `%25`), so a
   * match over a path with any other escape has one in a capture or rest: the walk needs no search
   * for '%' over the whole path before it starts.
   */
  escaped: boolean
}

/** A fully static raw path with its patterns, and the next such path of its slot. */
export interface StaticPath<D> {
  readonly key: string
  readonly ends: readonly Entry<D>[]
  readonly next: StaticPath<D> | undefined
}

/** The slot of the static table for a path of length `len` (at least 1): 64 lengths by 32 last chars. */
export const slotOf = (path: string, len: number) =>
  ((len & 63) << 5) | (path.charCodeAt(len - 1) & 31)

/** The slot of `byChar` for the empty edge label (a trailing slash); 127 gathers anything past ASCII. */
export const EMPTY_SLOT = 128

export const newBuildNode = <D>(): BuildNode<D> => ({
  statics: new Map(),
  param: undefined,
  ends: undefined,
  rests: undefined,
  key: undefined,
})

/**
 * `seal(b, statics)` is the walkable trie of the built trie `b`; it puts each fully static path
 * (a node's `key`) in its slot of the table `statics`. A node reached by static segments only
 * holds no pattern with captures, so every pattern ending there is fixed; a node folded into an
 * edge holds no pattern, so it has no key.
 */
export function seal<D>(b: BuildNode<D>, statics: (StaticPath<D> | undefined)[]): Node<D> {
  const path = b.key
  if (path !== undefined) {
    const i = slotOf(path, path.length)
    statics[i] = { key: path, ends: b.ends!, next: statics[i] }
  }
  const keys: string[] = []
  const kids: Node<D>[] = []
  for (const [first, start] of b.statics) {
    let key = first
    let n = start
    // Fold a chain of nodes that only lead on to one static segment into this edge.
    while (n.statics.size === 1 && !n.param && !n.ends && !n.rests) {
      const [k, next] = n.statics.entries().next().value!
      key += `/${k}`
      n = next
    }
    // A raw '%' starts an escape; a label's own '%' is what a path spells `%25` (see `Walk`).
    keys.push(key.replaceAll('%', '%25'))
    kids.push(seal(n, statics))
  }
  let byChar: (Edge<D> | undefined)[] | undefined
  if (keys.length > 0) {
    byChar = new Array(EMPTY_SLOT + 1).fill(undefined)
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!
      const c = key.length === 0 ? EMPTY_SLOT : Math.min(key.charCodeAt(0), EMPTY_SLOT - 1)
      byChar[c] = { key, kid: kids[i]!, next: byChar[c] }
    }
  }
  return {
    byChar,
    param: b.param && seal(b.param, statics),
    ends: b.ends,
    rests: b.rests,
  }
}

/**
 * Whether a pattern with `methods` (`one`, the only one) allows `method`: GET ones answer HEAD,
 * `[]` allows any (`allowsMethod` of @ferry/kind, without its `includes` for the usual case).
 */
export function allows(methods: readonly string[], one: string | undefined, method: string) {
  return one !== undefined
    ? one === method || (method === 'HEAD' && one === 'GET')
    : allowsMethod(methods, method)
}
