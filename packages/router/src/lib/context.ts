import type { Kind } from '@ferry/kind'
import { allowOf } from './allow.js'
import { copiesHeaders, HTML_TYPE, json, TEXT_TYPE, typed } from './respond.js'
import type { Found } from './find.js'
import type { ExecutionContext, RouteInfo } from './types.js'

/** The key of the host's candidate lister: a symbol keeps it out of the Router's named API. */
export const kCandidates: unique symbol = Symbol('ferry.candidates')

// The router's own per-request state on a context, under symbols so that no field a layer,
// embedding or resource adds can take its place: a field named `host` or `head` is the app's.
/** The app that made the context (hrefs, the candidate lister). */
export const kHost: unique symbol = Symbol()
/** The Response class answers are built with. */
export const kR: unique symbol = Symbol()
/** Whether this is a HEAD request, whose answer counts the bodies the router built. */
export const kHead: unique symbol = Symbol()
/** The path's candidates, or the routing path to list them from (see `RequestContext`). */
export const kFound: unique symbol = Symbol()
const kAllow: unique symbol = Symbol()

/**
 * The key of the `vary` of the last `produces` that dispatch checked (see `Produces.vary`): set,
 * every later answer was chosen by `Accept`. A symbol, so no resource or layer field can take it.
 */
export const kVary: unique symbol = Symbol('ferry.vary')

/** What a context needs from the app that made it. */
export interface ContextHost {
  href(kind: Kind, value: unknown): string
  /** Every candidate for the routing path `path` under `method` (what `c.allow` is made of). */
  [kCandidates](path: string, method: string): readonly Found[]
}

/**
 * The per-request context. One class per app (see `createContextClass`) so that resources sit on
 * its prototype and cost nothing per request.
 */
export class RequestContext {
  // Declared, then assigned in the constructor: class fields (and TypeScript parameter
  // properties, which add fields beside the assignments) define each property first, which costs
  // V8 about as much again per request.
  declare params: unknown
  declare body: unknown
  declare route: RouteInfo | undefined
  /**
   * The path's candidates, from which `allow` is computed only when someone asks. When dispatch
   * stopped at the first candidate (see `findFirst`) it holds the routing path, and the host
   * lists them then: a string costs no allocation per request, where a closure cost two.
   */
  declare [kFound]: readonly Found[] | string | undefined
  // Left unassigned (not in the constructor): only routes with `produces` pay for it.
  declare [kVary]: ((response: Response) => Response) | undefined
  declare [kHead]: boolean
  declare readonly request: Request
  declare readonly env: unknown
  declare readonly executionContext: ExecutionContext | undefined
  declare readonly [kR]: typeof Response
  declare readonly [kHost]: ContextHost
  // `null` until asked for (see `allow`).
  declare private [kAllow]: string | undefined | null

  constructor(
    request: Request,
    env: unknown,
    executionContext: ExecutionContext | undefined,
    R: typeof Response,
    host: ContextHost,
  ) {
    this.request = request
    this.env = env
    this.executionContext = executionContext
    this[kR] = R
    this[kHost] = host
    this.params = undefined
    this.body = undefined
    this.route = undefined
    this[kFound] = undefined
    this[kHead] = false
    this[kAllow] = null
  }

  get allow(): string | undefined {
    if (this[kAllow] === null) {
      let cs = this[kFound]
      if (typeof cs === 'string')
        this[kFound] = cs = this[kHost][kCandidates](cs, this.request.method)
      this[kAllow] = cs ? allowOf(cs) : undefined
    }
    return this[kAllow]
  }

  get remoteAddress(): string | undefined {
    return this.executionContext?.remoteAddress
  }

  waitUntil(work: PromiseLike<unknown>): void {
    // A bare thenable (what JavaScript callers may pass) has no `catch`, and a runtime's
    // `waitUntil` may take Promises only: one of the platform's (itself, when it is one already).
    const promise = Promise.resolve(work)
    if (this.executionContext?.waitUntil) this.executionContext.waitUntil(promise)
    // Without a runtime to keep alive, the work simply runs; its failure must not go unhandled.
    else promise.catch((e) => console.error('[ferry] waitUntil work failed:', e))
  }

  href(kind: Kind, value?: unknown): string {
    return baseOf(this.executionContext) + this[kHost].href(kind, value)
  }

  url(kind: Kind, value?: unknown): string {
    // The request URL's origin, sliced without parsing the URL.
    const url = this.request.url
    const start = url.indexOf('/', url.indexOf('//') + 2)
    return (start === -1 ? url : url.slice(0, start)) + this.href(kind, value)
  }

  redirect(kind: Kind, value: unknown, status: 301 | 302 | 303 | 307 | 308 = 302): Response {
    // No content: said, so a HEAD of it says so too, as its GET goes out (see headOf).
    return new this[kR](null, {
      status,
      headers: { location: this.href(kind, value), 'content-length': '0' },
    })
  }

  json(value: unknown, init?: ResponseInit): Response {
    return json(this[kR], value, init, this[kHead])
  }

  text(value: string, init?: ResponseInit): Response {
    return typed(this[kR], value, TEXT_TYPE, init, this[kHead])
  }

  html(value: string, init?: ResponseInit): Response {
    return typed(this[kR], value, HTML_TYPE, init, this[kHead])
  }

  respond(body: BodyInit | null, init?: ResponseInit): Response {
    const R = this[kR]
    // A class that copies its init and leaves it alone (the platforms' own) gets it as it is: a
    // Response init keeps its status and statusText (getters, which a spread loses) and, on
    // Workers, what only a native Response carries (`encodeBody: 'manual'`, so a body already
    // compressed is not encoded again). Other classes may keep the init's headers as their own or
    // write Content-Length into them (@whatwg-node's): they get a copy.
    if (init === undefined || copiesHeaders(R)) return new R(body, init)
    return new R(body, {
      ...init,
      status: init.status,
      statusText: init.statusText,
      headers: new Headers(init.headers),
    })
  }
}

// The fields a context has of its own; its methods and getters, and what every object inherits
// (`__proto__`, whose assignment would replace the prototype), are found on its prototype.
const OWN_FIELDS: PropertyKey[] = ['params', 'body', 'route', 'request', 'env', 'executionContext']

/**
 * `checkFieldName(name, by)` throws a TypeError when a field `by` adds (`next()`, an embedding's
 * `vars`, `provide()`) would be named as something the context has already: it would replace
 * `c.json` or `c.params`, or, for a getter such as `c.allow`, fail on every request.
 */
export function checkFieldName(name: PropertyKey, by: string): void {
  if (name in RequestContext.prototype || OWN_FIELDS.includes(name)) {
    throw new TypeError(
      `${by} cannot add a field named "${String(name)}": the context has one of its own`,
    )
  }
}

/**
 * `addFields(c, fields, by, undo?)` puts `fields` on `c`, all or none, as `by` adds them (a layer's
 * `next()`, an embedding's `vars`): a name the context has throws first (see `checkFieldName`), but
 * a layer may hand on another `request` (`bodyLimit` counts the body it reads). With `undo`, each
 * field is logged there: its key, whether `c` had it, its old value.
 */
export function addFields(c: RequestContext, fields: object, by: string, undo?: unknown[]): void {
  for (const k of Reflect.ownKeys(fields)) {
    if (k !== 'request' || by !== 'next()') checkFieldName(k, by)
    undo?.push(k, Object.hasOwn(c, k), c[k as never])
  }
  Object.assign(c, fields)
}

/** A context class for one app, whose prototype will carry the app's opened resources. */
export function createContextClass(): typeof RequestContext {
  return class AppContext extends RequestContext {}
}

/** `baseOf(ctx)` is the embedding prefix `ctx` names, without trailing slashes: `/api/` is `/api`. */
export function baseOf(ctx: ExecutionContext | undefined): string {
  const base = ctx?.basePath ?? ''
  return base.endsWith('/') ? base.replace(/\/+$/, '') : base
}
