import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FetchApp } from '@ferry/router'
import { onShutdownSignal } from './shutdown-signal.js'
import { toNodeHandler } from './to-node-handler.js'

/** Options of `serve`. */
export interface ServeOptions<Env = unknown> {
  /** TCP port to listen on; `0` picks a free one. Default `3000`. */
  port?: number
  /** Interface to bind. Default: every interface (Node's own default, `::` or `0.0.0.0`). */
  hostname?: string
  /** Aborting it shuts the server down gracefully, as `close()` does. */
  signal?: AbortSignal
  /** The value handed to the app as `env`. */
  env?: Env
  /**
   * Milliseconds that in-flight requests and `waitUntil` work get on shutdown; past it the
   * connections are cut and the app is closed regardless. Default `10000`.
   */
  shutdownTimeout?: number
  /** Whether SIGINT and SIGTERM shut the server down gracefully. Default `true`. */
  handleSignals?: boolean
}

/** A running server. */
export interface Server {
  /** The URL the server answers on (`http://localhost:3000/` when bound to every interface). */
  readonly url: string
  /** The underlying `node:http` server. */
  readonly node: HttpServer
  /**
   * Shuts down gracefully: stops accepting, lets in-flight requests finish (up to
   * `shutdownTimeout`), waits for `waitUntil` work (within the same deadline), then calls
   * `app.close()`. Idempotent.
   */
  close(): Promise<void>
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
  let closing: Promise<void> | undefined
  // close() only ends the keep-alive sockets idle at that moment; end the others as their last
  // response finishes (Node runs its own 'finish' listener first, which marks the socket idle).
  node.on('request', (req, res) => {
    const closeIfIdle = () => {
      if (closing) node.closeIdleConnections()
    }
    res.once('finish', closeIfIdle)
    // A body still arriving after the answer (see to-node-handler.ts) keeps the socket busy.
    req.once('end', closeIfIdle)
  })
  const close = () => {
    closing ??= (async () => {
      offSignals()
      const stopped = new Promise<void>((resolve) => node.close(() => resolve()))
      // Node 19+ closes idle keep-alive sockets in close(); busy ones and waitUntil work get until
      // the deadline, then the sockets are cut and the app is closed regardless.
      let timer: ReturnType<typeof setTimeout> | undefined
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          node.closeAllConnections()
          resolve()
        }, options.shutdownTimeout ?? 10_000)
      })
      await stopped
      await Promise.race([handler.drain(), deadline])
      clearTimeout(timer)
      await app.close?.()
    })()
    return closing
  }
  const offSignals =
    options.handleSignals === false ? () => {} : onShutdownSignal(() => void close())
  options.signal?.addEventListener('abort', () => void close(), { once: true })
  return new Promise((resolve, reject) => {
    node.once('error', (error) => {
      offSignals()
      reject(error)
    })
    node.listen(options.port ?? 3000, options.hostname, () => {
      const { address, port } = node.address() as AddressInfo
      const host = options.hostname && !isWildcard(address) ? address : 'localhost'
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`
      if (options.signal?.aborted) void close()
      resolve({ url, node, close })
    })
  })
}

function isWildcard(address: string): boolean {
  return address === '::' || address === '0.0.0.0'
}
