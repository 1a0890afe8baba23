import type { Kind } from '@ferry/kind'
import { allowOf } from './allow.js'
import { finite, htmlResponse, jsonResponse, textResponse } from './respond.js'
import type { Found } from './find.js'
import type { ExecutionContext, RouteInfo } from './types.js'

/** What a context needs from the app that made it. */
export interface ContextHost {
  href(kind: Kind, value: unknown): string
}

/**
 * The per-request context. One class per app (see `createContextClass`) so that resources sit on
 * its prototype and cost nothing per request.
 */
export class RequestContext {
  params: unknown = undefined
  body: unknown = undefined
  route: RouteInfo | undefined = undefined
  /** The path's candidates, from which `allow` is computed only when someone asks. */
  candidates: readonly Found[] | undefined = undefined
  /** Whether this is a HEAD request, whose answer counts the bodies the router built. */
  head = false
  #allow: string | undefined | null = null

  constructor(
    readonly request: Request,
    readonly env: unknown,
    readonly executionContext: ExecutionContext | undefined,
    readonly R: typeof Response,
    readonly host: ContextHost,
  ) {}

  /** The request URL's origin (`https://example.com`), sliced without parsing the URL. */
  get origin(): string {
    const url = this.request.url
    const start = url.indexOf('/', url.indexOf('//') + 2)
    return start === -1 ? url : url.slice(0, start)
  }

  get allow(): string | undefined {
    if (this.#allow === null) this.#allow = this.candidates ? allowOf(this.candidates) : undefined
    return this.#allow
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
    return (this.executionContext?.basePath ?? '') + this.host.href(kind, value)
  }

  url(kind: Kind, value?: unknown): string {
    return this.origin + this.href(kind, value)
  }

  redirect(kind: Kind, value: unknown, status: 301 | 302 | 303 | 307 | 308 = 302): Response {
    return new this.R(null, { status, headers: { location: this.href(kind, value) } })
  }

  json(value: unknown, init?: ResponseInit): Response {
    return this.mark(jsonResponse(this.R, value, init))
  }

  text(value: string, init?: ResponseInit): Response {
    return this.mark(textResponse(this.R, value, init))
  }

  html(value: string, init?: ResponseInit): Response {
    return this.mark(htmlResponse(this.R, value, init))
  }

  /** `res`, marked as a finite body the router built when a HEAD answer will count it. */
  mark(res: Response): Response {
    return this.head ? finite(res) : res
  }

  respond(body: BodyInit | null, init?: ResponseInit): Response {
    // Some Response classes (@whatwg-node/server's) write Content-Length into the init they are
    // given: a caller's shared headers object must not carry one body's length to the next.
    if (init === undefined) return new this.R(body)
    return new this.R(body, { ...init, headers: init.headers && new Headers(init.headers) })
  }
}

/** A context class for one app, whose prototype will carry the app's opened resources. */
export function createContextClass(): typeof RequestContext {
  return class AppContext extends RequestContext {}
}
