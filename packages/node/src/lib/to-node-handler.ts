import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ExecutionContext, FetchApp } from '@ferry/router'
import { createServerAdapter, Response as FastResponse } from '@whatwg-node/server'

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
  waitUntil(promise: Promise<unknown>): void
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
 */
export function toNodeHandler<Env = unknown>(
  app: FetchApp<Env>,
  options: NodeHandlerOptions<Env> = {},
): NodeHandler {
  const pending = new Set<Promise<unknown>>()
  const waitUntil = (promise: Promise<unknown>) => {
    // A rejected background task must not become an unhandled rejection that kills the process.
    const tracked = Promise.resolve(promise).then(
      () => {},
      (error: unknown) => console.error('waitUntil task failed:', error),
    )
    pending.add(tracked)
    void tracked.finally(() => pending.delete(tracked))
  }
  const adapter = createServerAdapter<NodeServerContext>((request, server) => {
    const ctx: ExecutionContext = {
      waitUntil,
      remoteAddress: server.req.socket?.remoteAddress,
      basePath: server.req.baseUrl || undefined,
      Response: FastResponse,
      framedBodies: true,
    }
    // The router answers its own errors; a rejection here is a bug in the app. Log it and send a
    // bare 500 rather than @whatwg-node/server's default, which puts the stack in the body.
    return app.fetch(request, options.env as Env, ctx).catch((error: unknown) => {
      console.error('app.fetch failed:', error)
      return new FastResponse(null, { status: 500 })
    })
  })
  const handler = (req: IncomingMessage & MountedRequest, res: ServerResponse) => {
    // Express strips its mount path from req.url; give the app the full URL and the prefix as
    // basePath, so routing sees the path below the mount and href() puts the prefix back.
    if (req.baseUrl && req.originalUrl) req.url = req.originalUrl
    keepSocketForTheAnswer(req, res)
    return adapter.requestListener(req, res) as unknown as Promise<void>
  }
  return Object.assign(handler, {
    async drain() {
      while (pending.size > 0) await Promise.all(pending)
    },
  })
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
    if (res.headersSent || req.complete) return destroy.call(this, error)
    req.destroy = destroy
    res.setHeader('connection', 'close')
    this.resume()
    return this
  }
}
