import type { ExecutionContext } from '@ferry/router'
import type { Context, Env, MiddlewareHandler, Next } from 'hono'
import { routePath } from 'hono/route'
import { getPath } from 'hono/utils/url'
import { leadingSegments, mountPrefix, rawPathOf } from './base-path.js'
import { enteredApps, withEntered } from './chain.js'
import { toFerryContext } from './execution-context.js'
import { honoAnswered, isMethodAnswer, laterRoutes } from './method-fall-through.js'
import { unreadRequest } from './unread-request.js'

/**
 * The Ferry side of `toHono`: a Ferry router (`createRouter<{ env: Bindings, vars: Vars }>()`), or
 * anything with the same `fetch`. `fetch` is a property so that what Hono gives (bindings, and
 * the `vars` option's fields) is checked against what the Ferry app needs, not the other way round.
 */
export interface FerryApp<Bindings = any, Vars extends object = {}> {
  fetch: (request: Request, env: Bindings, ctx?: ExecutionContext<Vars>) => Promise<Response>
}

/** Options of `toHono`. */
export interface ToHonoOptions<E extends Env = any> {
  /**
   * The path prefix Ferry is embedded under (a leading or trailing `/` is optional: `api`, `/api/`
   * and `/api` are one prefix; `/café` and `/caf%C3%A9` too); Ferry strips it before routing and
   * puts it in front of every `href`, percent-encoded as request URLs have it. Default: used as
   * middleware, the part of the path that the Hono route matched before its trailing `/*` (`/api`
   * for `/api/*`); used with Hono's `mount`, none (Hono has already removed it from the request).
   */
  readonly basePath?: string
  /**
   * The client address Ferry handlers see as `c.remoteAddress` (middleware use only), e.g.
   * `(c) => getConnInfo(c).remote.address` with the conninfo helper of your Hono runtime adapter.
   * Default: the `remoteAddress` of Hono's execution context, when it has one.
   */
  readonly remoteAddress?: (c: Context<E>) => string | undefined
  /**
   * The per-request fields Ferry layers and handlers see as `c.<name>`, read from Hono's context
   * (middleware use only), e.g. `(c) => ({ user: c.get('user') })` after an auth middleware. It
   * runs before Ferry is asked, once per request; what it throws is Hono's to answer, as for a
   * throwing middleware. Required when the Ferry app declares `vars` (`createRouter<{ vars }>()`),
   * and its result must give them. It returns the fields, not a promise of them (a `TypeError`,
   * Hono's to answer): load them in a Hono middleware that `c.set()`s them. Default: none.
   */
  readonly vars?: (c: Context<E>) => object
}

/** `ToHonoOptions<E>` with the `vars` function a Ferry app that declares `vars: V` needs. */
export type ToHonoVarsOptions<E extends Env, V extends object> = ToHonoOptions<E> & {
  readonly vars: (c: Context<E>) => V
}

/**
 * A Ferry app as Hono sees it: a middleware for `app.use`, `app.all` and `app.route`, which is
 * also an application handler for Hono's `mount`. As an application handler it resolves to
 * `undefined` when no Ferry kind matches, which Hono's `mount` turns into `next()`.
 */
// The application-handler signature comes first: Hono infers a lone handler's result type from
// the last signature, and `app.all('/api/*', handler)` needs the middleware one there.
export type FerryHonoHandler<E extends Env = any> = ((
  request: Request,
  env?: unknown,
  executionCtx?: unknown,
) => Promise<Response>) &
  MiddlewareHandler<E>

/**
 * `toHono(app, options)` is `app` as a Hono handler (see `FerryHonoHandler`), for a Ferry app
 * that declares `vars`: `options.vars(c)` gives them with each request. Without type arguments,
 * the Hono env is read from the annotation of `vars`'s parameter (`(c: Context<AppEnv>) => ...`);
 * with them, give both: `toHono<AppEnv, { user: User }>(app, { vars })`.
 */
export function toHono<E extends Env = any, V extends object = {}>(
  app: FerryApp<E['Bindings'], V>,
  options: ToHonoVarsOptions<E, V>,
): FerryHonoHandler<E>
/**
 * `toHono(app, options)` is `app` as a Hono handler (see `FerryHonoHandler`). A request goes to
 * `app.fetch` unchanged (body unread) with Hono's bindings as `env` and Hono's execution context
 * (`waitUntil`, `passThroughOnException`) as Ferry's. When no Ferry kind matches its path, the
 * request falls through to the rest of the Hono app (`next()`). When Ferry routes the path for
 * other methods only, the later Hono routes get it as well, and Ferry's 405 (or OPTIONS answer) is
 * sent when none of them has the method (middleware use only: Hono's `mount` falls through on
 * `undefined` alone; and not when a Ferry layer took the request body). Every other Ferry answer
 * (415, 400, a `notFound` handler's own 404, ...) is sent as it is.
 *
 * A request that already went through this Ferry app on its way here (a Hono app mounted in Ferry
 * with `fromHono`, which mounts the same Ferry app with `toHono`) falls through at once.
 *
 * Throws a `TypeError` when `app` has no `fetch` function.
 */
export function toHono<E extends Env = any>(
  app: FerryApp<E['Bindings']>,
  options?: ToHonoOptions<E>,
): FerryHonoHandler<E>
export function toHono<E extends Env = any>(
  app: FerryApp<E['Bindings'], any>,
  options: ToHonoOptions<E> = {},
): FerryHonoHandler<E> {
  if (typeof app !== 'object' || app === null || typeof app.fetch !== 'function')
    throw new TypeError(
      'toHono() takes a Ferry app: an object with a fetch(request, env, ctx) method',
    )

  const explicitBase = options.basePath === undefined ? undefined : normalBase(options.basePath)
  const serve = async (
    request: Request,
    env: E['Bindings'],
    foreign: unknown,
    basePath: string | undefined,
    remoteAddress: string | undefined,
    vars: object | undefined,
  ): Promise<Response | undefined> => {
    const entered = enteredApps(foreign)
    if (entered.includes(app)) return undefined
    const ctx = withEntered(toFerryContext(foreign, basePath, remoteAddress), [...entered, app])
    const res = await app.fetch(request, env, Object.assign(ctx, { onNotFound, vars }))
    return res === FALL_THROUGH ? undefined : res
  }

  const middleware = async (c: Context<E>, next: Next): Promise<Response | undefined> => {
    // First: when it throws, nothing has been asked of Ferry or read from the request.
    const vars = options.vars?.(c)
    // The router would find no fields on a promise and give none, silently: an app that declares
    // no vars takes any object here, an async function's promise included.
    if (typeof (vars as { then?: unknown } | undefined)?.then === 'function')
      throw new TypeError(
        "toHono's vars function returned a promise: it must return the fields themselves (load them in a Hono middleware with c.set() first)",
      )
    let foreign: unknown
    try {
      foreign = c.executionCtx
    } catch {
      // Hono throws when the runtime gave it no execution context (Node, tests).
    }
    const basePath = explicitBase ?? matchedPrefix(c)
    // A body Hono middleware read (a validator, `parseBody`) is handed over from Hono's cache.
    const raw = c.req.raw
    const request = raw.bodyUsed ? await unreadRequest(raw, c.req.bodyCache) : raw
    const res = await serve(request, c.env, foreign, basePath, options.remoteAddress?.(c), vars)
    if (res === undefined) {
      await next()
      return undefined
    }
    if (!isMethodAnswer(res, request.method) || bodyTaken(request, raw)) return res
    // No Hono route after this one: Hono's `notFound` would answer, and Ferry's answer stands.
    // Not asking it keeps its headers (a cookie, `Cache-Control`) off the 405, where the `c.res`
    // assignment below would merge them.
    if (!laterRoutes(c)) return res
    // Ferry routes the path, but not for this method: the Hono routes after this one may (a route
    // group moved to Ferry one method at a time). Ferry's 405 stands only when none of them has it.
    const index = c.req.routeIndex
    await next()
    if (honoAnswered(c, index)) return undefined
    // Hono has set its 404 as `c.res`, which a returned Response no longer replaces. Assigning
    // keeps what Hono middleware set on it (cors before `next()`), as for any Hono handler's answer.
    c.res = res
    return c.res
  }

  const handler = (a: Context<E> | Request, b?: unknown, c?: unknown) =>
    isHonoContext(a)
      ? middleware(a, b as Next)
      : serve(a as Request, b as E['Bindings'], c, explicitBase, undefined, undefined)
  return handler as FerryHonoHandler<E>
}

// The router calls `ExecutionContext.onNotFound` for a path no kind matches (when no `notFound`
// handler of the app fits), outside its layers, and hands back this very object: nothing is read.
const FALL_THROUGH = new Response(null, { status: 404 })
const onNotFound = () => FALL_THROUGH

// Whether Ferry (a layer such as bodyLimit, which runs around the 405 too) took the body of the
// request Hono would read next: a Hono route reading it would fail with "Body is unusable", so
// Ferry's 405 stands. A body rebuilt from Hono's cache leaves Hono's own copy intact.
function bodyTaken(request: Request, raw: Request): boolean {
  return request === raw && (raw.bodyUsed || raw.body?.locked === true)
}

// '/api/', 'api' and '/' name the same mounts as '/api' and the root, as in Hono's `basePath`.
// A prefix written unencoded, as in Hono's routes ('/café'), is compared with request paths as
// clients send it: percent-encoded as URL parsing does (WHATWG path percent-encode set), with the
// escapes it already has left alone.
function normalBase(path: string): string {
  const inner = path.replace(/^\/+|\/+$/g, '')
  return inner === '' ? '' : new URL(`/${inner}`, 'http://x').pathname
}

// The default basePath: the part of the URL's path the Hono route matched before its `/*`.
function matchedPrefix(c: Context): string {
  const raw = rawPathOf(c.req.url)
  // Hono routes on `c.req.path`; a custom `getPath` (routing by host) may put segments in front
  // of the URL's path, which the route counts and the URL has not.
  const lead = c.req.path === raw ? 0 : leadingSegments(c.req.path, getPath(c.req.raw))
  return mountPrefix(routePath(c), raw, lead)
}

function isHonoContext(x: unknown): x is Context<any> {
  return typeof x === 'object' && x !== null && 'req' in x && 'env' in x
}
