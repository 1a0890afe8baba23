import type { Kind } from '@ferry/kind'
import { allowOf } from './allow.js'
import { copiesHeaders, HTML_TYPE, json, TEXT_TYPE, typed } from './respond.js'
import type { Found } from './find.js'
import type { ExecutionContext, RouteInfo } from './types.js'

/** The key of the host's candidate lister: a symbol keeps it out of the Router's named API. */
export const kCandidates: unique symbol = Symbol('ferry.candidates')

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
  declare candidates: readonly Found[] | string | undefined
  // Left unassigned (not in the constructor): only routes with `produces` pay for it.
  declare [kVary]: ((response: Response) => Response) | undefined
  /** Whether this is a HEAD request, whose answer counts the bodies the router built. */
  declare head: boolean
  declare readonly request: Request
  declare readonly env: unknown
  declare readonly executionContext: ExecutionContext | undefined
  declare readonly R: typeof Response
  declare readonly host: ContextHost
  // `null` until asked for (see `allow`).
  declare private allowOnce: string | undefined | null

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
    this.R = R
    this.host = host
    this.params = undefined
    this.body = undefined
    this.route = undefined
    this.candidates = undefined
    this.head = false
    this.allowOnce = null
  }

  get allow(): string | undefined {
    if (this.allowOnce === null) {
      let cs = this.candidates
      if (typeof cs === 'string')
        this.candidates = cs = this.host[kCandidates](cs, this.request.method)
      this.allowOnce = cs ? allowOf(cs) : undefined
    }
    return this.allowOnce
  }

  get remoteAddress(): string | undefined {
    return this.executionContext?.remoteAddress
  }

  waitUntil(promise: Promise<unknown>): void {
    if (this.executionContext?.waitUntil) this.executionContext.waitUntil(promise)
    // Without a runtime to keep alive, the work simply runs; its failure must not go unhandled.
    else promise.catch((e) => console.error('[ferry] waitUntil work failed:', e))
  }

  href(kind: Kind, value?: unknown): string {
    return baseOf(this.executionContext) + this.host.href(kind, value)
  }

  url(kind: Kind, value?: unknown): string {
    // The request URL's origin, sliced without parsing the URL.
    const url = this.request.url
    const start = url.indexOf('/', url.indexOf('//') + 2)
    return (start === -1 ? url : url.slice(0, start)) + this.href(kind, value)
  }

  redirect(kind: Kind, value: unknown, status: 301 | 302 | 303 | 307 | 308 = 302): Response {
    // No content: said, so a HEAD of it says so too, as its GET goes out (see headOf).
    return new this.R(null, {
      status,
      headers: { location: this.href(kind, value), 'content-length': '0' },
    })
  }

  json(value: unknown, init?: ResponseInit): Response {
    return json(this.R, value, init, this.head)
  }

  text(value: string, init?: ResponseInit): Response {
    return typed(this.R, value, TEXT_TYPE, init, this.head)
  }

  html(value: string, init?: ResponseInit): Response {
    return typed(this.R, value, HTML_TYPE, init, this.head)
  }

  respond(body: BodyInit | null, init?: ResponseInit): Response {
    const R = this.R
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

/** A context class for one app, whose prototype will carry the app's opened resources. */
export function createContextClass(): typeof RequestContext {
  return class AppContext extends RequestContext {}
}

/** `baseOf(ctx)` is the embedding prefix `ctx` names, without trailing slashes: `/api/` is `/api`. */
export function baseOf(ctx: ExecutionContext | undefined): string {
  const base = ctx?.basePath ?? ''
  return base.endsWith('/') ? base.replace(/\/+$/, '') : base
}
