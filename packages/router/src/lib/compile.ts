import { joinPath, type Kind, type Pattern, type PatternSegment, patternOf } from '@ferry/kind'
import { allowOfMethods } from './allow.js'
import { createContextClass, type RequestContext } from './context.js'
import { Matcher } from './matcher.js'
import { addResource } from './resources.js'
import type { Produces } from './produces.js'
import type { BodySpec, Guard, HandlerResult, Layer, RouteInfo } from './types.js'

/** A handler as stored: the typed signatures live on `Router`. */
export type AnyHandler = (c: any) => HandlerResult | Promise<HandlerResult>
export type ErrorHandler = (err: unknown, c: any) => HandlerResult | Promise<HandlerResult>

/** Options of one route. */
export interface RouteOptions<B = unknown, C = any> {
  /** The request body the route reads: checked at step 4 (415) and parsed at step 6. */
  readonly body?: BodySpec<B>
  /** Guards run in order at step 3; see `Guard`. */
  readonly guard?: Guard<C> | readonly Guard<C>[]
  /**
   * Media types the route produces, built with `produces(...)`; `Accept` is checked against them
   * at step 5 (406).
   */
  readonly produces?: Produces
  /** A name for the route inventory (defaults to the kind's name). */
  readonly name?: string
}

/** A route as registered on one router. */
export interface RouteRecord {
  readonly kind: Kind
  readonly options: RouteOptions
  readonly handler: AnyHandler
}

/** What compile reads from a router (the builder state). */
export interface RouterState {
  readonly layers: readonly Layer<any, any, any>[]
  readonly routes: readonly RouteRecord[]
  readonly mounts: readonly {
    readonly prefix: readonly string[]
    readonly router: { state: RouterState }
  }[]
  readonly resources: readonly Resource[]
  readonly notFound: AnyHandler | undefined
  readonly onError: ErrorHandler | undefined
}

/**
 * A resource as `provide()` registered it on one router. Its open is shared by every app that
 * serves the router (mounted in any number of apps, and served alone): see `acquire`.
 */
export interface Resource {
  readonly name: string
  readonly open: () => unknown
  readonly close: ((value: any) => unknown) | undefined
  /** The open under way or done, while some app holds the resource. */
  value?: Promise<unknown> | undefined
  /** How many apps hold it (opened, or waiting for the open). */
  users?: number
}

/** A route ready for dispatch. */
export interface CompiledRoute {
  readonly info: RouteInfo
  readonly kind: Kind
  readonly pattern: Pattern | undefined
  readonly methods: readonly string[]
  /**
   * Whether steps 3-6 can run without a promise hop and nothing to add after: no guard to await,
   * no mount layer, no `Vary: Accept` from `produces` (see `evaluateOne`).
   */
  readonly direct: boolean
  /** Whether steps 3-6 have nothing to check: `direct`, and no body spec or query either. */
  readonly plain: boolean
  /** The `Allow` value when this route is a path's only candidate. */
  readonly allow: string | undefined
  readonly handler: AnyHandler
  readonly guards: readonly Guard<any>[]
  readonly body: BodySpec<unknown> | undefined
  readonly produces: Produces | undefined
  /** Layers of the mounted routers between the app and this route (the app's own excluded). */
  readonly chain: readonly Layer<any, any, any>[]
  readonly onError: ErrorHandler | undefined
  /**
   * The mount prefix as hrefs write it (`/admin`, or `''`): its segments are decoded text, as a
   * pattern's static segments are, so `/a b` is written `/a%20b`.
   */
  readonly prefix: string
  readonly prefixSegs: readonly string[]
  /** The pattern's segments under the prefix, as the matcher has them; none for a custom kind. */
  readonly segments: readonly PatternSegment[] | undefined
}

/** Everything dispatch needs, computed once per change of the router. */
export interface Compiled {
  readonly matcher: Matcher<CompiledRoute>
  readonly customs: readonly CompiledRoute[]
  readonly bindings: ReadonlyMap<Kind, CompiledRoute>
  readonly routes: readonly CompiledRoute[]
  readonly resources: readonly Resource[]
  readonly notFounds: readonly {
    readonly prefixSegs: readonly string[]
    readonly handler: AnyHandler
  }[]
  readonly Ctx: typeof RequestContext
  /** The Response class to build with when the adapter supplies none. */
  readonly R: typeof Response
  /** Whether another route may take a route's URLs, by route, filled as `href` asks (see `checkHref`). */
  readonly overlaps: Map<CompiledRoute, boolean>
}

/**
 * `compile(state, R)` flattens a router and its mounts into one matcher and binding table; `R` is
 * the Response class to build with when the adapter supplies none.
 */
export function compile(state: RouterState, R: typeof Response): Compiled {
  const matcher = new Matcher<CompiledRoute>()
  const customs: CompiledRoute[] = []
  const bindings = new Map<Kind, CompiledRoute>()
  const routes: CompiledRoute[] = []
  const resources: Resource[] = []
  const notFounds: { prefixSegs: readonly string[]; handler: AnyHandler }[] = []

  const visit = (
    s: RouterState,
    prefixSegs: readonly string[],
    chain: readonly Layer<any, any, any>[],
    onError: ErrorHandler | undefined,
  ) => {
    const prefix = prefixSegs.map((p) => `/${p}`).join('')
    for (const r of s.resources) addResource(resources, r)
    if (s.notFound) notFounds.push({ prefixSegs, handler: s.notFound })
    for (const rec of s.routes) {
      const kind = rec.kind
      const methods = kind.methods
      const pattern = patternOf(kind)
      const { guard, body, produces } = rec.options
      const direct = guard === undefined && produces === undefined && chain.length === 0
      // Under a mount, the pattern '/' (the only one whose path is that) is the prefix itself
      // (`/admin`, not `/admin/`).
      const root = prefix !== '' && pattern?.path === '/'
      const segments: PatternSegment[] | undefined = pattern && [
        ...staticSegments(prefixSegs),
        ...(root ? [] : pattern.segments),
      ]
      const route: CompiledRoute = {
        info: {
          name: rec.options.name ?? kind.name,
          methods,
          path: pattern ? prefix + (root ? '' : pattern.path) : `${prefix}/(${kind.name})`,
          kind,
          accepts: body?.accepts,
          produces: produces?.types,
        },
        kind,
        pattern,
        methods,
        allow: allowOfMethods(methods),
        direct,
        plain: direct && body === undefined && pattern !== undefined && pattern.query.length === 0,
        handler: rec.handler,
        guards: guard === undefined ? [] : typeof guard === 'function' ? [guard] : guard,
        body: body as BodySpec<unknown> | undefined,
        produces,
        chain,
        onError,
        prefix: prefix && joinPath(prefixSegs),
        prefixSegs,
        segments,
      }
      routes.push(route)
      if (!bindings.has(kind)) bindings.set(kind, route)
      if (segments) matcher.add(segments, route, prefixSegs.length)
      else customs.push(route)
    }
    for (const m of s.mounts) {
      const child = m.router.state
      visit(
        child,
        [...prefixSegs, ...m.prefix],
        [...chain, ...child.layers],
        child.onError ?? onError,
      )
    }
  }
  visit(state, [], [], state.onError)
  // The deepest mount whose prefix fits answers a 404 first.
  notFounds.sort((a, b) => b.prefixSegs.length - a.prefixSegs.length)
  return {
    matcher,
    customs,
    bindings,
    routes,
    resources,
    notFounds,
    Ctx: createContextClass(),
    R,
    overlaps: new Map(),
  }
}

/** The static pattern segments of a mount prefix's segments `segs`. */
export function staticSegments(segs: readonly string[]): PatternSegment[] {
  return segs.map((value) => ({ type: 'static', value }))
}
