import { type Kind, type KindValue, splitPath } from '@ferry/kind'
import {
  type AnyHandler,
  type Compiled,
  compile,
  type ErrorHandler,
  type Resource,
  type RouteOptions,
  type RouteRecord,
  type RouterState,
} from './compile.js'
import {
  byMethod,
  evaluate,
  evaluateOne,
  failed,
  handleError,
  runHandler,
  runLayers,
} from './dispatch.js'
import { allCandidates, type Found, findFirst, findPath, type TrailingSlash } from './find.js'
import {
  addFields,
  baseOf,
  checkFieldName,
  kCandidates,
  kFound,
  kHead,
  kR,
  type RequestContext,
} from './context.js'
import { isHttpError } from './http-error.js'
import { problem } from './problem.js'
import { isFiniteBody, respondWith } from './respond.js'
import type {
  BaseContext,
  BodyOf,
  BodySpec,
  Context,
  ContextName,
  ExecutionContext,
  HandlerResult,
  Layer,
  RouteInfo,
  ValueArgs,
} from './types.js'
import { addResource, closeResources, openResources, type ResourceState } from './resources.js'
import { checkHref } from './shadow.js'
import { UnroutedKindError } from './unrouted-kind-error.js'

/** Options of `createRouter`. */
export interface RouterOptions {
  /**
   * What to do with a request that differs from a route's canonical path only by a trailing
   * slash: `'redirect'` (308 to the canonical path, the default), `'strict'` (404) or `'lenient'`
   * (serve it as if canonical).
   */
  readonly trailingSlash?: TrailingSlash
}

type Handler<C> = (c: C) => HandlerResult | Promise<HandlerResult>
type Value<K> = KindValue<K>

/**
 * `usePlatformResponse(router, platform)` makes `router` build its answers with `platform()` when
 * the adapter passes no `ExecutionContext.Response` (internal: the Node entry's `createRouter`).
 */
export let usePlatformResponse: (
  router: Router<any, any, any>,
  platform: () => typeof Response,
) => void

/**
 * A router binds URL kinds to handlers and answers requests through the dispatch steps of
 * DESIGN §3. Builder methods return the router (typed with what layers and resources add).
 * `Vars` are the fields every context has; `Given`, those of them an embedding gives with each
 * request (`ExecutionContext.vars`, declared with `createRouter<{ vars }>()`).
 */
export class Router<Env = unknown, Vars extends object = {}, Given extends object = {}> {
  readonly #options: RouterOptions
  readonly #state: {
    layers: Layer<any, any, any>[]
    routes: RouteRecord[]
    mounts: { prefix: readonly string[]; router: Router<any, any, any> }[]
    resources: Resource[]
    notFound: AnyHandler | undefined
    onError: ErrorHandler | undefined
  } = { layers: [], routes: [], mounts: [], resources: [], notFound: undefined, onError: undefined }
  #compiled: Compiled | undefined
  // Whether fetch has logged that the routes cannot be built (once until the next change).
  #logged = false
  #res: ResourceState = { opening: undefined, open: undefined, closing: undefined, opened: [] }
  // The routers this one is mounted in, whose builds hold its routes and resources: told of its
  // changes while they live, but weakly held, so that a router mounted in a fresh app per test
  // keeps none of them alive.
  #parents: WeakRef<Router<any, any, any>>[] = []
  #platform: () => typeof Response = globalResponse

  static {
    // Lets the Node entry (`createRouter` of `node-router.ts`) choose the class without a public
    // member: a Worker bundle never contains the Node class (decision 006).
    usePlatformResponse = (router, platform) => {
      router.#platform = platform
      router.#compiled = undefined
    }
  }

  constructor(options: RouterOptions = {}) {
    this.#options = options
    this.fetch = this.fetch.bind(this)
  }

  /** @internal The builder state that `compile` and parent routers read. */
  get state(): RouterState {
    return this.#state
  }

  #change(): this {
    this.#compiled = undefined
    this.#logged = false
    for (const w of this.#parents) {
      // (`w.deref()?.#change()` reads the same, but TypeScript refuses a private name there.)
      const p = w.deref()
      if (p) p.#change()
    }
    return this
  }

  /**
   * Adds layers that wrap every request (the first added runs outermost). What a layer adds is on
   * the context of the later layers and the handlers, in place of a field of the same name.
   */
  use<A extends object>(layer: Layer<Vars, A, Env>): Router<Env, With<Vars, A>, Given>
  use<A extends object, B extends object>(
    a: Layer<Vars, A, Env>,
    b: Layer<With<Vars, A>, B, Env>,
  ): Router<Env, With<With<Vars, A>, B>, Given>
  use<A extends object, B extends object, C extends object>(
    a: Layer<Vars, A, Env>,
    b: Layer<With<Vars, A>, B, Env>,
    c: Layer<With<With<Vars, A>, B>, C, Env>,
  ): Router<Env, With<With<With<Vars, A>, B>, C>, Given>
  use<A extends object, B extends object, C extends object, D extends object>(
    a: Layer<Vars, A, Env>,
    b: Layer<With<Vars, A>, B, Env>,
    c: Layer<With<With<Vars, A>, B>, C, Env>,
    d: Layer<With<With<With<Vars, A>, B>, C>, D, Env>,
  ): Router<Env, With<With<With<With<Vars, A>, B>, C>, D>, Given>
  use<A extends object, B extends object, C extends object, D extends object, E extends object>(
    a: Layer<Vars, A, Env>,
    b: Layer<With<Vars, A>, B, Env>,
    c: Layer<With<With<Vars, A>, B>, C, Env>,
    d: Layer<With<With<With<Vars, A>, B>, C>, D, Env>,
    e: Layer<With<With<With<With<Vars, A>, B>, C>, D>, E, Env>,
  ): Router<Env, With<With<With<With<With<Vars, A>, B>, C>, D>, E>, Given>
  // More than five in one call: each sees only what the router had before, and what they add is
  // not typed (chain `use()` calls to type it).
  use(...layers: Layer<Vars, object, Env>[]): Router<Env, Vars, Given>
  use(...layers: Layer<any, any, any>[]): Router<Env, any, Given> {
    for (const l of layers) {
      if (typeof l !== 'function') throw new TypeError('use() takes layer functions')
      this.#state.layers.push(l)
    }
    return this.#change()
  }

  /**
   * Provides a resource under `name` on every context: `open` runs once, on the first request (or
   * at `start()`) of any app that serves this router, mounted or alone, and `close` runs at the
   * `close()` of the last of them, in reverse order of providing (decision 016).
   */
  provide<N extends string, T>(
    name: N & NameCheck<N>,
    open: () => T | Promise<T>,
    close?: (value: T) => unknown,
  ): Router<Env, Vars & { readonly [K in N]: T }, Given> {
    checkFieldName(name, 'provide()')
    addResource(this.#state.resources, { name, open, close })
    return this.#change() as any
  }

  /** Binds `kind` to `handler`, with route options (body, guard, produces) when given. */
  route<K extends Kind<any>>(
    kind: K,
    handler: Handler<Context<Value<K>, undefined, Vars, Env>>,
  ): this
  route<K extends Kind<any>, S extends BodySpec<any> | undefined = undefined>(
    kind: K,
    options: RouteOptions<BodyOf<S>, Context<Value<K>, undefined, Vars, Env>> & {
      readonly body?: S
    },
    handler: Handler<Context<Value<K>, BodyOf<S>, Vars, Env>>,
  ): this
  route(kind: Kind, a: RouteOptions | AnyHandler, b?: AnyHandler): this {
    const handler = typeof a === 'function' ? a : b
    const options = typeof a === 'function' ? {} : a
    if (typeof handler !== 'function')
      throw new TypeError(`route(${kind?.name}) needs a handler function`)
    if (!kind || typeof kind.decode !== 'function')
      throw new TypeError('route() takes a kind first')
    // The shapes before decision 008 (a spec with an `accepts` array only, a `produces` array):
    // say what to use now, at the route, rather than fail at the first request.
    if (options.body && typeof options.body.contentType !== 'function')
      throw new TypeError(
        `route ${kind.name}: the body spec has no contentType check; build it with accepting(types)`,
      )
    if (options.produces && typeof options.produces.check !== 'function')
      throw new TypeError(`route ${kind.name}: build produces with produces(...types)`)
    this.#state.routes.push({ kind, options, handler })
    return this.#change()
  }

  /**
   * Mounts `router` under the static path `prefix`; its kinds' hrefs carry the prefix. Its
   * routes, layers and resources are this router's, also those it is given later. The types
   * refuse a router whose declared `vars` this one's context does not give (its layers' fields and
   * resources count), or whose `env` this one's lacks.
   */
  mount<E, G extends object>(
    prefix: string,
    router: Router<E, any, G> & MountCheck<Env, Vars, E, G>,
  ): this
  mount(prefix: string, router: Router<any, any, any>): this {
    const segs = prefix.split('/').slice(1)
    // URL parsing resolves `.` and `..` segments, `%2e` spellings included (URL Standard §4.4,
    // single- and double-dot segments), before a request reaches the router: no path has one.
    if (!prefix.startsWith('/') || segs.some((s) => /^(?:[:*]|(?:\.|%2e){0,2}$)/i.test(s))) {
      throw new Error(
        `mount() takes a static prefix like "/admin", with no capture, empty, "." or ".." segment (%2e is "."), got ${JSON.stringify(prefix)}`,
      )
    }
    // Hrefs escape the prefix (a path is decoded text), which a lone surrogate cannot be.
    if (/\p{Cs}/u.test(prefix)) {
      throw new Error(
        `mount() takes a prefix of well-formed Unicode, got ${JSON.stringify(prefix)}`,
      )
    }
    // Mounting one it is mounted in would nest the routes without end.
    const above = (r?: Router<any, any, any>): boolean =>
      !!r && (r === router || r.#parents.some((p) => above(p.deref())))
    if (above(this)) throw new Error('a router cannot mount itself or one it is in')
    this.#state.mounts.push({ prefix: segs, router })
    // The refs of collected routers go as another is added, so they do not pile up either.
    router.#parents = [...router.#parents.filter((p) => p.deref()), new WeakRef(this)]
    return this.#change()
  }

  /**
   * Answers requests that no kind matches (by default a 404 problem, also when `handler` returns
   * nothing).
   */
  notFound(handler: Handler<BaseContext<Env> & Vars>): this {
    this.#state.notFound = handler
    return this.#change()
  }

  /**
   * Answers errors thrown by layers, guards, body specs and handlers (by default a bare 500
   * problem, also when `handler` returns nothing, e.g. when it only logs). The fields layers add
   * and the resources may be missing from `c` (`undefined`): a layer may throw before the inner
   * ones ran, a resource may fail to open; an embedding's `vars` are there.
   */
  onError(
    handler: (
      err: unknown,
      c: BaseContext<Env> & Given & Partial<Vars>,
    ) => HandlerResult | Promise<HandlerResult>,
  ): this {
    this.#state.onError = handler
    return this.#change()
  }

  #compile(): Compiled {
    this.#compiled ??= compile(this.#state, this.#platform())
    return this.#compiled
  }

  /**
   * `href(kind, v)` is the canonical path of `v` under `kind`'s binding in this router. Throws
   * `UnroutedKindError` for a kind that neither this router nor one mounted in it routes, the
   * kind's `KindEncodeError` for a value it cannot encode, and `ShadowedHrefError` when another
   * route takes that URL first (a request for it would not reach `kind`).
   */
  href<K extends Kind<any>>(kind: K, ...value: ValueArgs<K>): string {
    const compiled = this.#compile()
    const route = compiled.bindings.get(kind)
    if (!route) throw new UnroutedKindError(kind)
    let h = kind.href(value[0])
    // Under a mount the kind's root '/' is the prefix itself, or `prefix/` for a 'dir' root.
    if (route.prefix !== '')
      h =
        route.prefix + (kind.rootIs !== 'dir' && (h === '/' || h.startsWith('/?')) ? h.slice(1) : h)
    checkHref(compiled, route, h)
    return h
  }

  /** Every candidate for the routing path `path` under `method` (for `c.allow`; internal). */
  [kCandidates](path: string, method: string): readonly Found[] {
    // The query matters to custom kinds only, and with those dispatch never stops at the first
    // candidate (see `findFirst`), so it never leaves a path in `c[kFound]`.
    return allCandidates(this.#compile(), path, '', method)
  }

  /** Every bound route with its full path, in registration order (mounts after own routes). */
  routes(): RouteInfo[] {
    return this.#compile().routes.map((r) => r.info)
  }

  /** Opens every resource now rather than on the first request. */
  async start(): Promise<void> {
    await openResources(this.#res, this.#compile())
  }

  /**
   * Disposes opened resources in reverse order; later requests get 503. Every later call settles
   * with the first.
   */
  close(): Promise<void> {
    return closeResources(this.#res)
  }

  /**
   * A request for `input` (a path, a URL or a Request) to `http://localhost`, as a test helper:
   * same as `fetch` with `new Request(input, init)`. A string starting with `/` is a path on
   * localhost, `//x/y` too (URL resolution would read `x` as its host); its fragment is left out,
   * as a client leaves it out of what it sends (RFC 3986 §3.5).
   */
  request(
    input: string | Request,
    init?: RequestInit,
    env?: Env,
    ctx?: ExecutionContext<Given>,
  ): Promise<Response> {
    let req = input as Request
    if (typeof input === 'string') {
      const s = beforeFragment(input)
      req = new Request(
        s[0] === '/' ? `http://localhost${s}` : new URL(s, 'http://localhost'),
        init,
      )
    } else if (init) req = new Request(input, init)
    return this.fetch(req, env, ctx)
  }

  /** The one entry point every adapter calls. Never rejects: errors become problem responses. */
  fetch(request: Request, env?: Env, ctx?: ExecutionContext<Given>): Promise<Response> {
    let compiled: Compiled
    try {
      compiled = this.#compile()
    } catch (e) {
      // Mounts that cannot be joined (a resource provided twice across them) are the app's bug:
      // log it once and answer a bare 500, rather than throw into the adapter. `start()` and
      // `routes()` throw it to the caller.
      if (!this.#logged) console.error('[ferry] the routes cannot be built:', e)
      this.#logged = true
      const R = ctx?.Response ?? Response
      const res = problem(R, 500)
      return request.method === 'HEAD' ? headOf(R, res) : Promise.resolve(res)
    }
    const res = this.#res
    if (!res.closing && (res.open === compiled || compiled.resources.length === 0)) {
      return this.#handle(compiled, request, env, ctx)
    }
    return this.#openThenHandle(compiled, request, env, ctx)
  }

  async #openThenHandle(
    compiled: Compiled,
    request: Request,
    env: Env | undefined,
    ctx: ExecutionContext | undefined,
  ): Promise<Response> {
    const R = ctx?.Response ?? compiled.R
    let res: Response | undefined
    try {
      await openResources(this.#res, compiled)
    } catch (e) {
      if (!this.#res.closing) {
        const c = new compiled.Ctx(request, env, ctx, R, this)
        // No layer ran, but the embedding's fields are the request's own (a user to log); what
        // seeding them throws is dropped, as the resource's error is the answer.
        seedVars(c, ctx?.vars)
        res = await handleError(e, c, this.#state.onError)
      }
    }
    // Also when close() came while this request waited for the open: its resources are going.
    if (this.#res.closing) res = problem(R, 503, { detail: 'the app is shut down' })
    if (res === undefined) return this.#handle(compiled, request, env, ctx)
    // Without a body for a HEAD, as `#layered` sends every other answer (RFC 9110 §9.3.2).
    return request.method === 'HEAD' ? headOf(R, res) : res
  }

  // Not async: a plain route without layers answers without any extra promise hop.
  #handle(
    compiled: Compiled,
    request: Request,
    env: Env | undefined,
    ctx: ExecutionContext | undefined,
  ): Promise<Response> {
    const url = beforeFragment(request.url)
    const start = url.indexOf('/', url.indexOf('//') + 2)
    const qi = start === -1 ? -1 : url.indexOf('?', start)
    let path = start === -1 ? '/' : qi === -1 ? url.slice(start) : url.slice(start, qi)
    const search = qi === -1 ? '' : url.slice(qi + 1)
    const c = new compiled.Ctx(request, env, ctx, ctx?.Response ?? compiled.R, this)
    const R = c[kR]
    const method = request.method
    if (method === 'HEAD') c[kHead] = true
    const vars = ctx?.vars
    if (vars) {
      // What seeding throws is answered as a layer's error is, before the app's layers run.
      const failed = seedVars(c, vars)
      if (failed) return this.#layered(c, [], () => Promise.reject(failed), [])
    }
    const base = baseOf(ctx)
    if (base) {
      if (path === base) path = '/'
      else if (path.startsWith(base) && path[base.length] === '/') path = path.slice(base.length)
      else
        return (
          this.#passOn(ctx, compiled, []) ??
          // Outside the app's layers, so `#layered` does not drop a HEAD body here.
          this.#notFound(c, compiled, []).then((res) => (c[kHead] ? headOf(R, res) : res))
        )
    }
    const onError = this.#state.onError
    // No layer waits around the answer, and no HEAD body is to be dropped after them.
    const bare = this.#state.layers.length === 0 && method !== 'HEAD'
    const trailingSlash = this.#options.trailingSlash ?? 'redirect'
    const first = findFirst(compiled, path, search, method, trailingSlash)
    // A Found here comes from the matcher (custom kinds go through `findPath`): it rejects nothing.
    if ('route' in first) {
      // A first candidate that passes steps 3-6 answers whatever later ones would: they are
      // listed only if someone asks for `c.allow`, or if it fails.
      const route = first.route
      c.route = route.info
      c[kFound] = path
      if (route.plain) {
        if (!bare) return this.#layered(c, [first], () => evaluate(c, [first], search, onError))
        // The handler is called without the step machinery.
        c.params = first.params
        return runHandler(c, route.handler, route.onError ?? onError)
      }
      if (bare && route.direct) {
        const answer = evaluateOne(c, first, search, onError, true)
        if (answer) return answer
      }
    }
    // Steps 3-6 may fail for the first candidate and pass for a later one: list them all.
    const outcome =
      'route' in first ? findPath(compiled, path, search, method, trailingSlash) : first
    switch (outcome.type) {
      case 'malformed':
        return this.#layered(c, [], () =>
          problem(R, 400, { detail: 'the path holds a malformed percent-encoding' }, 'path'),
        )
      case 'redirect':
        return this.#layered(
          c,
          [],
          () =>
            new R(null, {
              status: 308,
              // No content: said, so its HEAD says it too (see headOf).
              headers: { location: base + outcome.location, 'content-length': '0' },
            }),
        )
      case 'none': {
        // Decoded, as routing reads them: `/%61dmin/x` is under the mount `/admin` (the path is
        // well-formed, or it would be `malformed`).
        const segs = splitPath(path)!
        return (
          this.#passOn(ctx, compiled, segs) ??
          this.#layered(c, [], () => this.#notFound(c, compiled, segs))
        )
      }
    }
    c[kFound] = outcome.candidates
    const candidates = byMethod(outcome.candidates, method)
    const only = candidates[0]
    if (only === undefined) {
      return this.#layered(c, [], () =>
        method === 'OPTIONS'
          ? new R(null, { status: 204, headers: { allow: c.allow ?? '' } })
          : problem(
              R,
              405,
              { detail: `${method} is not allowed here`, headers: { allow: c.allow ?? '' } },
              'method',
            ),
      )
    }
    c.route = only.route.info
    // No guard to await, no mounted layer and no `Vary: Accept` to add (see `evaluate`): steps
    // 4-7 without promise hops.
    if (bare && candidates.length === 1 && only.route.direct) {
      return evaluateOne(c, only, search, onError)
    }
    return this.#layered(c, candidates, () => evaluate(c, candidates, search, onError))
  }

  // The app's layers around `core`, the answer for `candidates` (those allowing the method).
  async #layered(
    c: RequestContext,
    candidates: readonly Found[],
    core: () => Response | Promise<Response>,
    layers = this.#state.layers,
  ): Promise<Response> {
    let res: Response
    try {
      res = await runLayers(layers, c, core)
    } catch (e) {
      // A layer may answer with a problem by throwing HttpError, as guards and handlers do.
      res = isHttpError(e)
        ? problem(c[kR], e.status, e.fields)
        : await handleError(e, c, this.#state.onError)
    }
    // HEAD answered by GET, or by the router itself (404, 405, a layer's error): the body goes
    // after every layer has seen the full response, so ETags and Content-Length describe what GET
    // would send. Only a route that handles HEAD itself answers it as it likes.
    return c[kHead] && !candidates[0]?.route.methods.includes('HEAD') ? headOf(c[kR], res) : res
  }

  /**
   * The embedding's answer (`ctx.onNotFound`) for a path no kind matches, when it asked for one
   * and no `notFound` handler of the app fits. It runs outside the app's layers: the request is
   * not the app's.
   */
  #passOn(
    ctx: ExecutionContext | undefined,
    compiled: Compiled,
    segs: readonly string[],
  ): Promise<Response> | undefined {
    if (ctx?.onNotFound === undefined || notFoundOf(compiled, segs)) return undefined
    return Promise.resolve(ctx.onNotFound())
  }

  async #notFound(c: any, compiled: Compiled, segs: readonly string[]): Promise<Response> {
    const nf = notFoundOf(compiled, segs)
    try {
      const out = nf && (await nf(c))
      // A `notFound` that returns nothing (it only logs) leaves the 404: a 204 would say "found".
      if (out !== undefined) return respondWith(c[kR], out, c[kHead])
    } catch (e) {
      return failed(e, c, this.#state.onError, 'path')
    }
    return problem(c[kR], 404, { detail: 'no route matches this path' }, 'path')
  }
}

// The app's `notFound` handler for the path `segs`: the deepest mount's whose prefix fits.
function notFoundOf(compiled: Compiled, segs: readonly string[]): AnyHandler | undefined {
  return compiled.notFounds.find((nf) => nf.prefixSegs.every((p, i) => segs[i] === p))?.handler
}

// HEAD is GET without the body (RFC 9110 §9.3.2): same status and headers. When the router built
// the GET body itself from a string or bytes it counts it, so Content-Length says what GET sends;
// any other body (a stream, a Response of the handler's) may never end, so it is cancelled unread
// and Content-Length is left out, as §9.3.2 allows. An answer with no body goes as it is: a layer
// answering HEAD itself (serveStatic) sends the headers of a GET that may well have one. The
// router's redirects say `Content-Length: 0` themselves.
async function headOf(R: typeof Response, res: Response): Promise<Response> {
  if (res.body === null) return res
  const headers = new Headers(res.headers)
  try {
    if (!headers.has('content-length') && isFiniteBody(res)) {
      headers.set('content-length', String((await res.arrayBuffer()).byteLength))
    } else {
      await res.body.cancel()
    }
  } catch {
    // A stream a handler locked, or whose cancel fails, cannot be cancelled (nor a body counted
    // that is gone): the headers stand alone, rather than `fetch` rejecting into the adapter.
  }
  return new R(null, { status: res.status, statusText: res.statusText, headers })
}

/**
 * `seedVars(c, vars)` puts an embedding's per-request fields on `c`, as an outermost layer's
 * `next(vars)` would, and returns what that throws: the TypeError of a name the context has
 * (`allow`, `request`), or nothing.
 */
function seedVars(c: RequestContext, vars: object | undefined): unknown {
  try {
    if (vars) addFields(c, vars, 'vars')
  } catch (error) {
    return error
  }
}

/**
 * `beforeFragment(s)` is the URL, or path and query, `s` without its fragment: what a client sends
 * (RFC 3986 §3.5). `Request#url` keeps a fragment an in-process caller gave, and dispatch slices
 * the path and query from it without parsing. The first `#` starts the fragment: a serialized URL
 * escapes any other, and a fragment may hold `?` and `#` of its own.
 */
function beforeFragment(s: string): string {
  const i = s.indexOf('#')
  return i === -1 ? s : s.slice(0, i)
}

function globalResponse(): typeof Response {
  return Response
}

// The names a context has of its own, which `vars` cannot declare (`env`, `request`, `href`, ...;
// see `checkFieldName`); dispatch would overwrite `params` and `body`. The router's own state is
// under symbols, so `host` or `head` is free for the app. (Object.prototype's names, refused at
// run time too, cannot be refused this way: every object type has a `toString`.)
type OwnNames = { readonly [K in keyof RequestContext & string]?: never }

// What `provide(name)` asks of `N` beside `N`: nothing, or for a name the context has, a key that
// says so (the type error names it), as `provide` throws for it.
type NameCheck<N extends string> = N extends ContextName
  ? {
      readonly [K in N as `${K} is the context's own: provide the resource under another name`]: never
    }
  : unknown

// What `mount()` asks of a router beside being one: nothing when this router's context gives the
// fields (`vars`) the mounted one declares and its bindings are the mounted one's `env`; else a
// key that says what is missing, so that the type error names it.
type MountCheck<Env, Vars, E, G> = [Vars] extends [G]
  ? [Env] extends [E]
    ? unknown
    : { readonly "the mounted router needs env bindings that this router's env lacks": never }
  : {
      readonly [K in MissingVars<
        Vars,
        G
      > as `the mounted router needs ${K & string}, which this router does not give (or types otherwise)`]: never
    }

// The vars `G` declares that `Vars` lacks or types otherwise (optional ones may be missing).
type MissingVars<Vars, G> = {
  [K in keyof G]-?: K extends keyof Vars
    ? [Vars[K]] extends [G[K]]
      ? never
      : K
    : {} extends Pick<G, K>
      ? never
      : K
}[keyof G]

/** What `createRouter<O>()` takes as `O`. */
export interface RouterDeclaration {
  readonly env?: unknown
  readonly vars?: object & OwnNames
}

/**
 * `With<V, A>` is the context fields `V` once a layer added `A`: `A`'s fields in place of those of
 * `V` with the same name (a layer may hand on its own value, `next({ db: tx })`), else `V & A`.
 */
export type With<V, A> = [keyof V & keyof A] extends [never] ? V & A : Omit<V, keyof A> & A

/**
 * Keys of a declaration other than `env` and `vars` (Hono's `Variables`): each must be `never`, so
 * that the type error names it rather than the key being ignored.
 */
export type KnownKeys<O> = { readonly [K in Exclude<keyof O, keyof RouterDeclaration>]: never }

/** The `vars` that `createRouter<O>()` declares, or none. */
export type DeclaredVars<O> = O extends { readonly vars?: infer V extends object } ? V : {}

/**
 * `createRouter<{ env, vars }>(options?)` is an empty router. `env` types the runtime bindings seen
 * as `c.env`; `vars`, the fields an embedding gives with each request (`ExecutionContext.vars`,
 * e.g. `toHono`'s `vars` option), seen as `c.<name>` by layers and handlers. A name the context
 * has already (`env`, `request`, `params`, `href`, ...) is refused. Served without an embedding
 * that gives them (`serve`, `toWorker`), the app has none: they are `undefined`.
 */
export function createRouter<O extends RouterDeclaration & KnownKeys<O> = {}>(
  options?: RouterOptions,
): Router<O['env'], DeclaredVars<O>, DeclaredVars<O>> {
  return new Router(options)
}
