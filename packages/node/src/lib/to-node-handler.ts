import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ExecutionContext, FetchApp } from '@ferry/router'
import { createWaitUntil } from '@ferry/router/serve'
import {
  createServerAdapter,
  Response as FastResponse,
  type WaitUntilFn,
} from '@whatwg-node/server'
import { attachResponse, NodeRequest } from './node-request.js'
import { checkRequestHead } from './request-target.js'
import { toRequest } from './to-request.js'
import { writeResponse } from './write-response.js'

/** Options of `toNodeHandler`. */
export interface NodeHandlerOptions<Env = unknown> {
  /** The value handed to the app as `env` (`c.env`); `undefined` when absent. */
  env?: Env
}

/**
 * A Node request listener that serves a Ferry app: usable with `http.createServer`, `https`,
 * Express (`app.use(handler)`) or Fastify (`reply.hijack()` then `handler(req.raw, reply.raw)`).
 */
export interface NodeHandler {
  (req: IncomingMessage, res: ServerResponse): Promise<void>
  /** Settles when every promise passed to `c.waitUntil` so far has settled. */
  drain(): Promise<void>
}

interface NodeServerContext {
  req: IncomingMessage & MountedRequest
  res: ServerResponse
  /** Ours, so that @whatwg-node/server does not add its own to the object. */
  waitUntil: WaitUntilFn
}

/** What Express (and Connect-style routers) add when a handler is mounted under a path. */
interface MountedRequest {
  baseUrl?: string
  originalUrl?: string
}

/**
 * `toNodeHandler(app)` is a Node request listener that translates each request for `app.fetch`:
 * the client address of the socket, `waitUntil` (tracked so `drain()` can await it), an abort of
 * `request.signal` when the client goes away, and the fast `Response` class of
 * `@whatwg-node/server`, which Node writes without copying through the WHATWG stream machinery.
 *
 * The Request is a `NodeRequest` (`@whatwg-node/fetch`'s class, its `signal` made only once read):
 * built by `toRequest` for a plain `node:http` request, by `@whatwg-node/server`'s
 * `createServerAdapter` (`handleNodeRequest`) for one a framework has added to (Express). The
 * answer is written by `writeResponse`. docs/decisions/007-adapter-request-path.md says what this
 * skips of `@whatwg-node/server`'s `requestListener` and why.
 */
export function toNodeHandler<Env = unknown>(
  app: FetchApp<Env>,
  options: NodeHandlerOptions<Env> = {},
): NodeHandler {
  const { waitUntil, drain } = createWaitUntil()
  const env = options.env as Env
  // Promise.resolve() inside takes the MaybePromise of @whatwg-node/server's type too.
  const serverWaitUntil = waitUntil as WaitUntilFn
  const contextOf = (req: IncomingMessage & MountedRequest): ExecutionContext => ({
    waitUntil,
    remoteAddress: req.socket?.remoteAddress,
    basePath: req.baseUrl || undefined,
    Response: FastResponse,
    framedBodies: true,
  })
  // Requests that carry a framework's additions (Express) get their Request from
  // @whatwg-node/server itself; plain node:http requests from toRequest(), which builds the same.
  const adapter = createServerAdapter<NodeServerContext>(
    (request, server) => {
      attachResponse(request, server.res)
      return app.fetch(request, env, contextOf(server.req))
    },
    { fetchAPI: { Request: NodeRequest } },
  )
  // Read once: every property read on the adapter goes through a Proxy that binds anew.
  const handleNodeRequest = adapter.handleNodeRequest
  const handler = (req: IncomingMessage & MountedRequest, res: ServerResponse) => {
    // Express strips its mount path from req.url; give the app the full URL and the prefix as
    // basePath, so routing sees the path below the mount and href() puts the prefix back.
    if (req.baseUrl && req.originalUrl) req.url = req.originalUrl
    // A 400 for a target or Host that names no URL or a body of unknown length, a 501 for a
    // transfer coding not decoded, or the answer to `OPTIONS *`.
    const own = checkRequestHead(req)
    if (own !== undefined) {
      answeredBeforeTheApp.add(res)
      return Promise.resolve(send(own, req, res))
    }
    // normalizeNodeRequest puts the URL together from Host and `originalUrl`, which a framework
    // keeps as the client sent it: an absolute-form target (`GET http://other/api/x`) made
    // `http://otherhttp://other/api/x`. Give it the origin form checkRequestHead made of it (whose
    // authority is now Host); under an Express mount that is the full target, put in req.url above.
    const original = req.originalUrl
    if (original !== undefined && original.charCodeAt(0) !== 47 /* '/' */) {
      req.originalUrl = req.baseUrl ? req.url : originForm(original)
    }
    // Only a request with a body can have it cancelled (RFC 9112 §6.3: no framing, no body).
    if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding']) {
      keepSocketForTheAnswer(req, res)
    }
    let answer: Promise<Response>
    try {
      const request = toRequest(req)
      if (request === undefined) {
        answer = withoutQuery(
          req,
          () =>
            handleNodeRequest(req, { req, res, waitUntil: serverWaitUntil }) as Promise<Response>,
        )
      } else {
        attachResponse(request, res)
        answer = app.fetch(request, env, contextOf(req))
      }
    } catch (error) {
      answer = Promise.reject(error)
    }
    // An app may answer synchronously (Hono's fetch, a plain function), as Bun and Deno allow.
    return Promise.resolve(answer).then(
      (response) => send(response, req, res),
      (error: unknown) => {
        // The router answers its own errors; a rejection here is a bug in the app. Log it and send
        // a bare 500 rather than @whatwg-node/server's default, which puts the stack in the body.
        console.error('app.fetch failed:', error)
        return send(new FastResponse(null, { status: 500 }), req, res)
      },
    )
  }
  return Object.assign(handler, { drain })
}

/** The path and query of the absolute URL `target`, or `/` when it names none. */
function originForm(target: string): string {
  try {
    const url = new URL(target)
    return url.pathname + url.search
  } catch {
    return '/'
  }
}

/**
 * The answers the adapter gave itself, before any app ran. A request refused for its framing is
 * one Node's parser fails on next: `serve` then lets that answer go out whole, where a parse
 * error during an unfinished request cuts the connection.
 */
export const answeredBeforeTheApp = new WeakSet<ServerResponse>()

/** Writes `response`; a failure to (an invalid header, a body stream that errors) is `fail`ed. */
function send(response: Response, req: IncomingMessage, res: ServerResponse): void | Promise<void> {
  try {
    const out = writeResponse(response, req, res)
    if (out) return out.then(undefined, (error: unknown) => fail(error, response, res))
  } catch (error) {
    fail(error, response, res)
  }
}

/**
 * Writing `response` failed. Before the head went out (Node refuses a header value with a control
 * character or a character above U+00FF, RFC 9110 §5.5, which Bun, Deno and the global `Response`
 * refuse when the Response is built), the client still gets a whole answer: a bare 500. After,
 * the connection is cut, so the client sees the answer is incomplete (RFC 9112 §8).
 */
function fail(error: unknown, response: Response, res: ServerResponse): void {
  console.error('writing the response failed:', error)
  if (res.headersSent || res.destroyed) return void res.destroy()
  // Keep a `Connection: close` set for an unread request body (keepSocketForTheAnswer).
  for (const name of res.getHeaderNames()) if (name !== 'connection') res.removeHeader(name)
  // `response` may be no Response at all (an app that resolved with `undefined`).
  const body = (response as Partial<Response> | undefined)?.body
  if (body && !body.locked) body.cancel().catch(() => {})
  res.writeHead(500, 'Internal Server Error', { 'content-length': '0' })
  res.end()
}

/**
 * `withoutQuery(req, build)` is `build()` run while `req.query` reads `undefined`. A framework's
 * parsed query (Express's) says what the URL already says, and `normalizeNodeRequest` (run
 * synchronously by `handleNodeRequest`) sets each of its keys on the URL again with
 * `searchParams.set`: `tag=a&tag=b` became `tag=a%2Cb`, `f[k]=v` became `f=%5Bobject+Object%5D`.
 */
function withoutQuery<T>(req: IncomingMessage & { query?: unknown }, build: () => T): T {
  const own = Object.getOwnPropertyDescriptor(req, 'query')
  if (own?.configurable === false) return build()
  Object.defineProperty(req, 'query', { value: undefined, configurable: true, writable: true })
  try {
    return build()
  } finally {
    // Express 4 sets `query` on the request, Express 5 reads it through a getter of its prototype.
    if (own) Object.defineProperty(req, 'query', own)
    else delete req.query
  }
}

/**
 * @whatwg-node/server cancels a request body by destroying the `IncomingMessage`, which resets the
 * socket: a client still sending (say, past a 413 limit) never sees the answer. Until the response
 * is sent, turn that destroy into what Node does itself with an unread body (`req._dump()`): read
 * and discard the rest, bounded by the server's `requestTimeout`. The answer then says
 * `Connection: close` (RFC 9112 §9.6), so the client does not reuse a socket in that state.
 */
function keepSocketForTheAnswer(req: IncomingMessage, res: ServerResponse): void {
  const destroy = req.destroy
  req.destroy = function (this: IncomingMessage, error?: Error) {
    // Node destroys the request itself when the socket closes (`abortIncoming`, the client left
    // mid-body): that must fail the body read, not wait for bytes that will never come.
    if (res.headersSent || req.complete || this.socket?.destroyed) return destroy.call(this, error)
    req.destroy = destroy
    res.setHeader('connection', 'close')
    this.resume()
    return this
  }
}
