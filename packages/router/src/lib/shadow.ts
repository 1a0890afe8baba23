import { allowsMethod, decodeQuery, KindEncodeError, type PatternSegment, rest } from '@ferry/kind'
import { type Compiled, type CompiledRoute, staticSegments } from './compile.js'
import { allCandidates } from './find.js'
import type { RouteInfo } from './types.js'

/**
 * `ShadowedHrefError` is what `href` (and `c.href`, `c.url`, `c.redirect`) throws for a value
 * whose URL another route of the app takes first: `href` names the URL, `route` the route of the
 * kind asked for, `by` the route a request for the URL goes to. It is a `KindEncodeError`: the
 * value has no URL of its own in this app.
 */
export class ShadowedHrefError extends KindEncodeError {
  override readonly name = 'ShadowedHrefError'
  declare readonly href: string
  declare readonly route: RouteInfo
  declare readonly by: RouteInfo

  constructor(href: string, route: RouteInfo, by: RouteInfo) {
    super(`${href} is the href of "${route.name}", but "${by.name}" (${by.path}) takes it first`)
    Object.assign(this, { href, route, by })
  }
}

/**
 * `checkHref(compiled, route, href)` throws `ShadowedHrefError` when a request for `href`, the
 * href of a value of `route`'s kind, goes to another route first. The path is matched only for a
 * kind whose patterns may overlap another route's (decided once per build of the routes, on its
 * first href): for the others this costs a map lookup.
 */
export function checkHref(compiled: Compiled, route: CompiledRoute, href: string): void {
  let check = compiled.overlaps.get(route)
  if (check === undefined) {
    const shape = shapeOf(route)
    check = compiled.routes.some((r) => takes(r, route) && overlap(shapeOf(r), shape))
    compiled.overlaps.set(route, check)
  }
  if (!check) return
  const q = href.indexOf('?')
  const search = q === -1 ? '' : href.slice(q + 1)
  const path = q === -1 ? href : href.slice(0, q)
  for (const found of allCandidates(compiled, path, search, route.methods[0] ?? 'GET')) {
    const r = found.route
    if (r === route) return
    // A custom kind's reject and a pattern's refused query are failures at step 6: a later
    // candidate that passes answers instead (DESIGN §3).
    const p = r.pattern
    if (
      found.reject ||
      !takes(r, route) ||
      (p && p.query.length > 0 && !decodeQuery(p, new URLSearchParams(search)).ok)
    )
      continue
    throw new ShadowedHrefError(href, route.info, r.info)
  }
}

/**
 * Whether route `r`, found before `route` for a URL of `route`'s kind, takes the request: it
 * shares a method with `route` and cannot refuse by the request's headers (no guard, body spec or
 * `produces`; such a route takes only the requests it accepts, by design, and leaves the others
 * to the next candidate). The query is checked on the URL itself.
 */
function takes(r: CompiledRoute, route: CompiledRoute): boolean {
  const a = r.methods
  const b = route.methods
  return (
    r.kind !== route.kind &&
    r.guards.length === 0 &&
    !r.body &&
    !r.produces &&
    (a.length === 0 || b.length === 0 || b.some((m) => allowsMethod(a, m)))
  )
}

const ANY_TAIL: PatternSegment = { type: 'rest', name: '', codec: rest }

// The paths a route may match: its pattern's segments, or for a custom kind its mount prefix and
// any tail.
function shapeOf(r: CompiledRoute): readonly PatternSegment[] {
  return r.segments ?? [...staticSegments(r.prefixSegs), ANY_TAIL]
}

// Whether some path may match both `a` and `b`, reading a capture as any segment but the empty
// one (codecs cannot be compared: `checkHref` decides on the URL) and a rest as any tail.
function overlap(a: readonly PatternSegment[], b: readonly PatternSegment[]): boolean {
  for (let i = 0; ; i++) {
    const x = a[i]
    const y = b[i]
    if (x?.type === 'rest' || y?.type === 'rest') return true
    if (x === undefined || y === undefined) return x === y
    if (x.type === 'static' && y.type === 'static') {
      if (x.value !== y.value) return false
    } else if ((x.type === 'static' && x.value === '') || (y.type === 'static' && y.value === '')) {
      return false
    }
  }
}
