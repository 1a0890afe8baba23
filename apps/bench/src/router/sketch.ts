import {
  allowsMethod,
  type Codec,
  type Kind,
  patternOf,
  type RestCodec,
  splitPath,
} from '@ferry/kind'

// A sketch of a faster matcher for @ferry/router, kept in the bench (not shipped) to measure the
// headroom of three changes to packages/router/src/lib/matcher.ts:
//   1. walk the raw path string with indexOf('/') instead of splitPath()'s split + shift + decode
//      (decode only when the path holds a '%', checked once);
//   2. stop at the first entry that allows the method and whose codecs decode (depth first,
//      static before capture before rest), instead of collecting every candidate; the router
//      would compute the full list only for 405/Allow or when the first candidate fails later;
//   3. look the static table up per method, so a static hit is one Map.get;
//   4. compare static segments in place (startsWith at an offset, children bucketed by first char
//      code) and keep captures as offsets, so no string is made for a segment until a route
//      matches.
// Same semantics as Matcher for these route sets: codecs decode, '', '.' and '..' are no capture
// values. The rest-at-root and mount rules of the real matcher are left out of the sketch.

interface Entry<D> {
  readonly data: D
  readonly methods: readonly string[]
  readonly params: readonly { readonly name: string; readonly codec: Codec<unknown> }[]
  readonly rest: { readonly name: string; readonly codec: RestCodec<unknown> } | undefined
}

interface Child<D> {
  readonly key: string
  readonly next: Node<D>
}

interface Node<D> {
  statics: Map<string, Node<D>> | undefined
  /** The static children bucketed by the first char code of their key ('' under 0). */
  byChar: Map<number, Child<D>[]> | undefined
  param: Node<D> | undefined
  ends: Entry<D>[] | undefined
  rests: Entry<D>[] | undefined
}

/** A match: the route's data and its decoded captures. */
export interface SketchMatch<D> {
  readonly data: D
  readonly params: Record<string, unknown>
}

const node = <D>(): Node<D> => ({
  statics: undefined,
  byChar: undefined,
  param: undefined,
  ends: undefined,
  rests: undefined,
})

/** `createSketchMatcher()` is an empty sketch matcher (see the file comment). */
export function createSketchMatcher<D>() {
  const root = node<D>()
  const statics = new Map<string, Map<string, SketchMatch<D>>>()
  // Capture n is path.slice(from[n], to[n]) for the path being matched.
  const from: number[] = []
  const to: number[] = []
  let current = ''

  function finish(e: Entry<D>, method: string, n: number): SketchMatch<D> | undefined {
    if (
      e.methods.length === 1
        ? e.methods[0] !== method && !(method === 'HEAD' && e.methods[0] === 'GET')
        : !allowsMethod(e.methods, method)
    )
      return undefined
    const params: Record<string, unknown> = {}
    for (let k = 0; k < e.params.length; k++) {
      const p = e.params[k]!
      const c = n - e.params.length + k
      const v = p.codec.decode(current.slice(from[c]!, to[c]!))
      if (v === undefined) return undefined
      params[p.name] = v
    }
    return { data: e.data, params }
  }

  function rest(
    nd: Node<D>,
    method: string,
    tail: readonly string[],
    n: number,
  ): SketchMatch<D> | undefined {
    for (const e of nd.rests!) {
      const m = finish(e, method, n)
      if (!m) continue
      const v = e.rest!.codec.decode(tail)
      if (v !== undefined) {
        ;(m.params as Record<string, unknown>)[e.rest!.name] = v
        return m
      }
    }
    return undefined
  }

  // Walks the segment of `path` starting at `i`; `n` captures are on the stack.
  function walk(
    nd: Node<D>,
    path: string,
    i: number,
    n: number,
    method: string,
  ): SketchMatch<D> | undefined {
    let end = path.indexOf('/', i)
    if (end === -1) end = path.length
    const last = end === path.length
    const len = end - i
    if (nd.byChar) {
      const bucket = nd.byChar.get(len === 0 ? 0 : path.charCodeAt(i))
      if (bucket) {
        for (const c of bucket) {
          if (c.key.length !== len || !path.startsWith(c.key, i)) continue
          const m = last ? ends(c.next, method, n) : walk(c.next, path, end + 1, n, method)
          if (m) return m
          break
        }
      }
    }
    if (
      nd.param &&
      len > 0 &&
      !(len === 1 && path.charCodeAt(i) === 46) &&
      !(len === 2 && path.charCodeAt(i) === 46 && path.charCodeAt(i + 1) === 46)
    ) {
      from[n] = i
      to[n] = end
      const m = last ? ends(nd.param, method, n + 1) : walk(nd.param, path, end + 1, n + 1, method)
      if (m) return m
    }
    if (nd.rests) return rest(nd, method, path.slice(i).split('/'), n)
    return undefined
  }

  function ends(nd: Node<D>, method: string, n: number): SketchMatch<D> | undefined {
    if (nd.ends) {
      for (const e of nd.ends) {
        const m = finish(e, method, n)
        if (m) return m
      }
    }
    // A rest capture also matches the empty tail after its prefix's final slash-less segment.
    return undefined
  }

  return {
    add(kind: Kind, data: D): void {
      const p = patternOf(kind)!
      let nd = root
      const params: { name: string; codec: Codec<unknown> }[] = []
      let r: Entry<D>['rest']
      let path = ''
      for (const s of p.segments) {
        if (s.type === 'static') {
          nd.statics ??= new Map()
          let next = nd.statics.get(s.value)
          if (!next) {
            next = node()
            nd.statics.set(s.value, next)
            nd.byChar ??= new Map()
            const code = s.value === '' ? 0 : s.value.charCodeAt(0)
            const bucket = nd.byChar.get(code) ?? []
            bucket.push({ key: s.value, next })
            nd.byChar.set(code, bucket)
          }
          nd = next
          path += `/${s.value}`
        } else if (s.type === 'param') {
          nd.param ??= node()
          nd = nd.param
          params.push({ name: s.name, codec: s.codec })
          path = '\0'
        } else {
          r = { name: s.name, codec: s.codec }
          path = '\0'
        }
      }
      const e: Entry<D> = { data, methods: p.methods, params, rest: r }
      if (r) {
        nd.rests ??= []
        nd.rests.push(e)
      } else {
        nd.ends ??= []
        nd.ends.push(e)
      }
      if (!path.startsWith('\0')) {
        for (const m of p.methods) {
          let t = statics.get(m)
          if (!t) {
            t = new Map()
            statics.set(m, t)
          }
          if (!t.has(path || '/')) t.set(path || '/', Object.freeze({ data, params: {} }))
        }
      }
    },
    match(method: string, path: string): SketchMatch<D> | undefined {
      const hit = statics.get(method)?.get(path)
      if (hit) return hit
      current = path
      if (path.indexOf('%') === -1) return walk(root, path, 1, 0, method)
      // Percent-escapes: decode per segment, then walk the decoded segments joined back. A
      // decoded '/' would split a segment, so such paths take the slow path of the real matcher.
      const segs = splitPath(path)
      if (!segs || segs.some((s) => s.includes('/'))) return undefined
      current = `/${segs.join('/')}`
      return walk(root, current, 1, 0, method)
    },
  }
}
