import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { createServer, type Server as HttpServer, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { FetchApp } from '@ferry/router'
import {
  badRequest,
  closeOnAbort,
  createGracefulClose,
  onShutdownSignals,
  type RunningServer,
  requestUrlDefect,
  type ServeOptions as SharedServeOptions,
  serverUrl,
} from '@ferry/router/serve'
import { toNodeHandler } from './to-node-handler.js'

/** https://nodejs.org/api/diagnostics_channel.html#http (Node 18.?+, 20 has it). */
const FINISHED = 'http.server.response.finish'

/** Options of `serve`: the shared adapter options (hostname defaults to Node's `::`/`0.0.0.0`). */
export type ServeOptions<Env = unknown> = SharedServeOptions<Env>

/** A running server: the shared `url` and `close()`, and the runtime's own server. */
export interface Server extends RunningServer {
  /** The underlying `node:http` server. */
  readonly node: HttpServer
}

/**
 * `serve(app, options)` is a `node:http` server answering with `app`, resolved once it listens.
 * Rejects when the port cannot be bound (`EADDRINUSE`, `EACCES`).
 */
export function serve<Env = unknown>(
  app: FetchApp<Env>,
  options: ServeOptions<Env> = {},
): Promise<Server> {
  const handler = toNodeHandler(app, { env: options.env as Env })
  const node = createServer(handler)
  // Node hands a CONNECT's socket to 'connect' listeners and, without one, closes it unanswered.
  node.on('connect', refuseConnect)
  // close() only ends the keep-alive sockets idle at that moment; end the others as their last
  // response finishes. Node publishes every finished response on a diagnostics channel; listening
  // only while closing costs the requests nothing before (a per-request 'finish' listener did).
  const onFinish = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: HttpServer }
    if (server !== node) return
    // Node marks the socket idle right after publishing; a body still arriving after the answer
    // (see to-node-handler.ts) keeps it busy until the request ends.
    if (request.complete) setImmediate(() => node.closeIdleConnections())
    else request.once('end', () => setImmediate(() => node.closeIdleConnections()))
  }
  const close = createGracefulClose({
    // Node 19+ closes idle keep-alive sockets in close(); busy ones get until the deadline.
    stop: () => {
      offSignals()
      subscribe(FINISHED, onFinish)
      return new Promise<void>((resolve) => node.close(() => resolve())).finally(() =>
        unsubscribe(FINISHED, onFinish),
      )
    },
    force: () => node.closeAllConnections(),
    drain: () => handler.drain(),
    dispose: () => app.close?.(),
    timeout: options.shutdownTimeout ?? 10_000,
  })
  // While these listeners are installed Node no longer exits on the signals by itself
  // (https://nodejs.org/api/process.html#signal-events).
  const offSignals =
    options.handleSignals === false
      ? () => {}
      : onShutdownSignals(
          {
            on: (s, l) => process.on(s, l),
            off: (s, l) => process.off(s, l),
            exit: (code) => process.exit(code),
          },
          () => void close(),
        )
  return new Promise((resolve, reject) => {
    node.once('error', (error) => {
      offSignals()
      reject(error)
    })
    node.listen(options.port ?? 3000, options.hostname, () => {
      const { address, port } = node.address() as AddressInfo
      closeOnAbort(options.signal, close)
      resolve({ url: serverUrl(options.hostname, address, port), node, close })
    })
  })
}

/**
 * Answers a CONNECT (its target is an authority, `host:port`: RFC 9110 §9.3.6) with the 400
 * problem Bun and Deno give it through the same URL check, then closes the connection: Ferry is
 * no proxy, and a tunnel request names no URL an app could route.
 */
async function refuseConnect(req: IncomingMessage, socket: Socket): Promise<void> {
  socket.on('error', () => {})
  const answer = badRequest(requestUrlDefect(req.url ?? '') ?? 'a CONNECT names no URL')
  const body = await answer.text()
  socket.end(
    `HTTP/1.1 400 Bad Request\r\ncontent-type: ${answer.headers.get('content-type')}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}
