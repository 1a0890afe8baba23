import type { Kind, KindInput } from '@ferry/kind'
import type { HttpError } from './http-error.js'
import type { MediaType } from './media-type.js'

/** The value argument of `href(kind, v)`: optional for kinds without required parameters. */
export type ValueArgs<K extends Kind> =
  {} extends KindInput<K> ? [value?: KindInput<K>] : [value: KindInput<K>]

/**
 * What an adapter hands the router beside the `Request`: the runtime's execution context.
 * Cloudflare's `ExecutionContext` fits as it is; other adapters fill in what their runtime knows.
 */
export interface ExecutionContext<Vars extends object = object> {
  /** Keeps the runtime alive until `promise` settles, after the response is sent. */
  waitUntil?(promise: Promise<unknown>): void
  /** Workers only: on an uncaught exception, forward the request to the origin. */
  passThroughOnException?(): void
  /** The address of the immediate peer (the socket's remote address), when the runtime knows it. */
  remoteAddress?: string
  /**
   * The path prefix the app is embedded under (e.g. `/api` when mounted inside a Hono app). It is
   * removed from the request path before routing and put back in front of every `href`.
   */
  basePath?: string
  /** The `Response` class to build framework responses with (Node adapters pass a faster one). */
  Response?: typeof Response
  /**
   * Whether the server framed the request body by its `Content-Length` (RFC 9112 §6.3), so a body
   * with that header holds exactly the declared bytes. Adapters over real HTTP servers set it;
   * a `Request` built in-process may carry any header over any stream, so it is false by default.
   */
  framedBodies?: boolean
  /**
   * Answers, in place of the app's 404, a request whose path no kind matches (or that lies outside
   * `basePath`) when no `notFound` handler of the app fits; the app's layers do not run for it.
   * Embeddings use it to fall through (`toHono` hands the request to the rest of the Hono app).
   */
  onNotFound?(): Response | Promise<Response>
  /**
   * Per-request fields an embedding gives the app (`toHono`'s `vars` option: a user a Hono
   * middleware authenticated): the router puts them on the context before any layer runs, as if
   * the outermost layer had passed them to `next(fields)`. Typed by `createRouter<{ vars }>()`.
   */
  vars?: Vars
  /**
   * Workers only: the runtime's `ctx.props`, the value the caller bound this Worker with (a
   * service binding's or the config's `props`; `{}` when none was given), passed on as it is.
   */
  props?: unknown
  /**
   * Workers only: the runtime's `ctx.exports`, loopback bindings to this Worker's own exported
   * entrypoints (`exports.default` among them), passed on as it is.
   */
  exports?: Readonly<Record<string, unknown>>
}

/** The structural shape every adapter serves: Ferry routers, and anything else with `fetch`. */
export interface FetchApp<Env = unknown> {
  fetch(request: Request, env?: Env, ctx?: ExecutionContext): Promise<Response>
  /** Disposes resources; adapters call it on graceful shutdown. */
  close?(): Promise<void>
}

/**
 * An object a handler may return as JSON: any object but a function or a promise (a promise of
 * one is awaited as a whole). Interfaces are objects too, though they have no index signature
 * for `Record<string, unknown>`. The router still refuses, at run time, what the type cannot
 * tell from a plain object: a `Map`, or a class instance without `toJSON`.
 */
export type JsonObject = object & {
  readonly then?: never
  readonly call?: never
}

/** What a handler may return; the router turns it into a Response (see `toResponse`). */
export type HandlerResult =
  | Response
  | string
  | Uint8Array
  | ArrayBuffer
  | ReadableStream
  | JsonObject
  | readonly unknown[]
  | number
  | boolean
  | null
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: handlers that return nothing answer 204
  | void

/** Information about a bound route, as listed by `app.routes()` and seen by layers. */
export interface RouteInfo {
  /** The kind's name (`GET /posts/:id`) or the route's own `name` option. */
  readonly name: string
  /** Methods the route answers (an empty list means any). */
  readonly methods: readonly string[]
  /** The path pattern including mount prefixes (`/admin/users/:id`), or `(custom)` for custom kinds. */
  readonly path: string
  /** The kind that is bound. */
  readonly kind: Kind
  /** The media types the route's body spec accepts, when it has one. */
  readonly accepts?: readonly string[]
  /** The media types the route produces, when declared. */
  readonly produces?: readonly string[]
}

/** Everything a request sees, whatever route it reaches. Layers receive this. */
export interface BaseContext<Env = unknown> {
  /** The request as the adapter handed it over. */
  readonly request: Request
  /** The execution context the adapter handed over with the request, if any. */
  readonly executionContext: ExecutionContext | undefined
  /** The runtime bindings (`env` on Workers and in `app.fetch(request, env)`). */
  readonly env: Env
  /** The immediate peer's address, when the adapter knows it. */
  readonly remoteAddress: string | undefined
  /** The route that matched path and method, or `undefined` (404, 405, OPTIONS with no route). */
  readonly route: RouteInfo | undefined
  /**
   * The `Allow` value for the request's path (the union over every kind whose path matches), or
   * `undefined` when no kind matches the path. CORS preflights answer with it.
   */
  readonly allow: string | undefined
  /**
   * Runs `work` (a Promise or any thenable) after the response, on runtimes that support it;
   * otherwise just lets it run, logging its failure.
   */
  waitUntil(work: PromiseLike<unknown>): void
  /** `href(kind, v)` is the canonical path of `v` under `kind`'s binding in this app (mount-aware). */
  href<K extends Kind>(kind: K, ...value: ValueArgs<K>): string
  /** `url(kind, v)` is the absolute URL of `v` on this request's origin. */
  url<K extends Kind>(kind: K, ...value: ValueArgs<K>): string
  /**
   * A redirect to `v` under `kind` (302 unless `status` says otherwise); `v` may be left out as
   * for `href`.
   */
  redirect<K extends Kind>(
    kind: K,
    ...args: [...ValueArgs<K>, status?: 301 | 302 | 303 | 307 | 308]
  ): Response
  /** A JSON response built with the app's Response class. */
  json(value: unknown, init?: ResponseInit): Response
  /** A `text/plain; charset=utf-8` response. */
  text(value: string, init?: ResponseInit): Response
  /** A `text/html; charset=utf-8` response. */
  html(value: string, init?: ResponseInit): Response
  /**
   * `respond(body, init)` is a response of `body` built with the app's Response class (adapters
   * may supply a faster one). `init` may be a Response: the answer keeps its status, status text
   * and headers (copied), and on Workers its `encodeBody`, so `c.respond(newBody, res)` swaps
   * only the body.
   */
  respond(body: BodyInit | null, init?: ResponseInit): Response
}

/** The context a handler sees: the base, plus the decoded URL value, the body, and added fields. */
export type Context<
  Params = unknown,
  Body = undefined,
  Vars extends object = {},
  Env = unknown,
> = BaseContext<Env> & Vars & { readonly params: Params; readonly body: Body }

/**
 * The names a context has of its own: its fields (`params`, `body`, `request`, `env`, ...), its
 * methods and getters (`json`, `href`, `allow`, ...) and what every object inherits (`toString`,
 * `constructor`, `__proto__`). No layer field, resource or embedding var may take one
 * (decision 014), but a layer may hand on another `request`.
 */
export type ContextName =
  | keyof BaseContext
  | 'params'
  | 'body'
  // Object.prototype's names (`name in context` is true for them at run time).
  | 'constructor'
  | 'toString'
  | 'toLocaleString'
  | 'valueOf'
  | 'hasOwnProperty'
  | 'isPrototypeOf'
  | 'propertyIsEnumerable'
  | '__proto__'

// What `next(fields)` asks of `F` beside `F`: for each name the context has, a key saying so that
// the fields lack (so the type error names it), as `next` throws for it; a `request` that is a
// Request; and, when the layer declares its fields, a key naming each one it does not declare (a
// typo the check of excess properties would catch if `next` were not generic). Keys rather than
// `never` values: a `never` property would make the whole optional parameter `undefined`, and the
// error would say nothing.
type FieldsCheck<F, Add> = (string extends keyof F
  ? unknown // names the types do not know (a `Record<string, unknown>`): left to run time
  : {
      readonly [K in Exclude<keyof F, 'request'> &
        ContextName as `${K & string} is the context's own: add the field under another name`]: never
    }) & { readonly request?: Request } & ([keyof Add] extends [never]
    ? unknown
    : {
        readonly [K in Exclude<
          keyof F,
          keyof Add
        > as `${K & string} is not a field the layer declares`]: never
      })

/**
 * `next(fields)` continues to the inner layers and the handler; `fields` are added to the context
 * that they see. A name the context has (`json`, `params`, `env`, ...) is refused, but `request`,
 * a `Request` handed on in place of the one received.
 */
export type Next<Add extends object> = {} extends Add
  ? <F extends Add = Add>(fields?: F & FieldsCheck<F, Add>) => Promise<Response>
  : <F extends Add>(fields: F & FieldsCheck<F, Add>) => Promise<Response>

/**
 * A layer wraps every request (onion order: the first `use`d runs outermost). It may answer on
 * its own, or call `next` (at most once) and change or replace the response it gets back.
 * `Add` is the set of fields it adds to the context for everything inside it.
 */
export type Layer<In extends object = {}, Add extends object = {}, Env = unknown> = (
  c: BaseContext<Env> & In,
  next: Next<Add>,
) => Response | Promise<Response>

/**
 * A guard decides whether a matched route may run: `true` or nothing lets it through, `false`
 * answers 403, a Response is sent as it is, and a thrown `HttpError` (e.g. 401) is answered as a
 * problem.
 */
export type Guard<C = BaseContext> = (
  c: C,
  // biome-ignore lint/suspicious/noConfusingVoidType: a guard may simply return nothing to pass
) => boolean | void | Response | Promise<boolean | void | Response>

/** Limits and context a body spec receives when it parses. */
export interface BodyParseContext {
  /** The request's media type essence, lower-cased (`application/json`), or `''` when absent. */
  readonly mediaType: string
  /** The parameters of the request's Content-Type (`charset`, `boundary`, ...), names lower-cased. */
  readonly mediaParams: Readonly<Record<string, string>>
  /** Aborted when the client goes away or the request is over. */
  readonly signal: AbortSignal
  /**
   * True when the body's `Content-Length`, if present, is exact because the server framed the body
   * by it (see `ExecutionContext.framedBodies`); a spec may then read a body declared within its
   * limit in one call (`arrayBuffer()`) instead of counting chunks.
   */
  readonly framed: boolean
}

/**
 * A body spec says which request bodies a route accepts and turns one into a value of `T`.
 *
 * The router asks `contentType` about the request's Content-Type (step 4, 415) before it checks
 * `Accept`, and calls `parse` only after the guard,
 * Content-Type, Accept and the query have passed. `parse` reports a bad body by throwing an
 * `HttpError` (400 malformed, 413 over a limit, 422 failed validation); anything else it throws
 * is a 500 through `onError`. `accepting(types)` builds `accepts` and `contentType` together, so
 * media-type parsing is in a bundle only when a route reads a body (decision 008).
 */
export interface BodySpec<T> {
  /**
   * Media types accepted, as lower-case `type/subtype` patterns: exact (`application/json`),
   * `type/*`, `*\/*+json` (any JSON suffix) or `*\/*` (anything, including no Content-Type).
   */
  readonly accepts: readonly string[]
  /**
   * `contentType(request)` is the media type of `request`'s body when the spec accepts its
   * Content-Type (essence `''` for an absent one it accepts), or the `HttpError` to answer
   * otherwise (a 415 naming `accepts`, with `Accept-Post` or `Accept-Patch`).
   */
  contentType(request: Request): MediaType | HttpError
  /** Reads and checks the body. Called at most once per request. */
  parse(request: Request, ctx: BodyParseContext): Promise<T>
}

/** The value a body spec yields. */
export type BodyOf<S> = S extends BodySpec<infer T> ? T : undefined

/** Facts about one file, as a file source reports them. */
export interface FileStat {
  /** Size in bytes. */
  readonly size: number
  /** Last modification time, in milliseconds since the epoch. */
  readonly mtimeMs: number
  /** Whether the path names a directory (then `size` means nothing). */
  readonly isDirectory: boolean
}

/**
 * A file source is a read-only tree of files that each adapter implements over its runtime's file
 * API. Paths are `/`-separated and start with `/` (the root itself is `/`), relative to the
 * source's root, already decoded, normalised and free of `.` and `..` segments; a
 * source answers `undefined` for anything missing, unreadable, or resolving outside its root
 * (symbolic links included), and for a path with no hidden segment (one starting with `.`) that a
 * link resolves to a hidden entry under the root (`config -> .env`): callers refuse dotfiles by
 * the name asked for, so a link must not lead around that check.
 */
export interface FileSource {
  stat(path: string): Promise<FileStat | undefined>
  /** The bytes of `path` from `start` to `end` inclusive (the whole file when no range is given). */
  read(path: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array>>
}
