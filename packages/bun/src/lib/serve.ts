import type { ExecutionContext, FetchApp } from '@ferry/router'
import type { BunServer } from './bun-shim.js'
import { runtime } from './bun-shim.js'
import { onShutdownSignal } from './shutdown-signal.js'

/** Options of `serve`. */
export interface ServeOptions<Env = unknown> {
  /** TCP port to listen on; `0` picks a free one. Default `3000`. */
  port?: number
  /** Interface to bind. Default: every interface (Bun's `0.0.0.0`). */
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
  /** The underlying `Bun.serve` server. */
  readonly bun: BunServer
  /**
   * Shuts down gracefully: stops accepting, lets in-flight requests finish (up to
   * `shutdownTimeout`), waits for `waitUntil` work (within the same deadline), then calls
   * `app.close()`. Idempotent.
   */
  close(): Promise<void>
}

/**
 * `serve(app, options)` is a `Bun.serve` server answering with `app`, resolved once it listens.
 * Rejects when the port cannot be bound.
 */
export async function serve<Env = unknown>(
  app: FetchApp<Env>,
  options: ServeOptions<Env> = {},
): Promise<Server> {
  // Bun has no waitUntil of its own: track the promises so close() can wait for them.
  const pending = new Set<Promise<unknown>>()
  const waitUntil = (promise: Promise<unknown>) => {
    const tracked = Promise.resolve(promise).then(
      () => {},
      (error: unknown) => console.error('waitUntil task failed:', error),
    )
    pending.add(tracked)
    void tracked.finally(() => pending.delete(tracked))
  }
  const bun = runtime.Bun.serve({
    port: options.port ?? 3000,
    hostname: options.hostname,
    // Development mode answers errors with an HTML page that shows source code.
    development: false,
    fetch(request, server) {
      const ctx: ExecutionContext = {
        waitUntil,
        remoteAddress: server.requestIP(request)?.address,
      }
      return app.fetch(request, options.env as Env, ctx)
    },
    // The router answers its own errors; a rejection here is a bug in the app.
    error(error) {
      console.error('app.fetch failed:', error)
      return new Response(null, { status: 500 })
    },
  })
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      offSignals()
      // In-flight requests and waitUntil work get until the deadline; then connections are cut
      // and the app is closed regardless.
      let timer: ReturnType<typeof setTimeout> | undefined
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          void bun.stop(true)
          resolve()
        }, options.shutdownTimeout ?? 10_000)
      })
      await Promise.race([bun.stop(), deadline])
      await Promise.race([drain(pending), deadline])
      clearTimeout(timer)
      await app.close?.()
    })()
    return closing
  }
  const offSignals =
    options.handleSignals === false ? () => {} : onShutdownSignal(runtime.process, () => close())
  if (options.signal?.aborted) void close()
  options.signal?.addEventListener('abort', () => void close(), { once: true })
  const wildcard = !options.hostname || bun.hostname === '0.0.0.0' || bun.hostname === '::'
  const host = wildcard ? 'localhost' : bun.hostname
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bun.port}/`
  return { url, bun, close }
}

/** Settles once every tracked promise, including ones added meanwhile, has settled. */
async function drain(pending: Set<Promise<unknown>>): Promise<void> {
  while (pending.size > 0) await Promise.all(pending)
}
