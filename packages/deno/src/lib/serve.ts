import type { ExecutionContext, FetchApp } from '@ferry/router'
import { type DenoHttpServer, runtime } from './deno-shim.js'
import { onShutdownSignal } from './shutdown-signal.js'

/** Options of `serve`. */
export interface ServeOptions<Env = unknown> {
  /** TCP port to listen on; `0` picks a free one. Default `3000`. */
  port?: number
  /** Interface to bind. Default: every interface (Deno's `0.0.0.0`). */
  hostname?: string
  /** Aborting it shuts the server down gracefully, as `close()` does. */
  signal?: AbortSignal
  /** The value handed to the app as `env`. */
  env?: Env
  /**
   * Milliseconds that in-flight requests and `waitUntil` work get on shutdown; past it the adapter
   * stops waiting and closes the app. Default `10000`.
   */
  shutdownTimeout?: number
  /** Whether SIGINT and SIGTERM shut the server down gracefully. Default `true`. */
  handleSignals?: boolean
}

/** A running server. */
export interface Server {
  /** The URL the server answers on (`http://localhost:3000/` when bound to every interface). */
  readonly url: string
  /** The underlying `Deno.serve` server. */
  readonly deno: DenoHttpServer
  /**
   * Shuts down gracefully: stops accepting, lets in-flight requests finish (up to
   * `shutdownTimeout`), waits for `waitUntil` work (within the same deadline), then calls
   * `app.close()`. Idempotent.
   */
  close(): Promise<void>
}

/**
 * `serve(app, options)` is a `Deno.serve` server answering with `app`, resolved once it listens.
 * Rejects when the port cannot be bound.
 */
export async function serve<Env = unknown>(
  app: FetchApp<Env>,
  options: ServeOptions<Env> = {},
): Promise<Server> {
  // Deno.serve has no waitUntil: track the promises so close() can wait for them.
  const pending = new Set<Promise<unknown>>()
  const waitUntil = (promise: Promise<unknown>) => {
    const tracked = Promise.resolve(promise).then(
      () => {},
      (error: unknown) => console.error('waitUntil task failed:', error),
    )
    pending.add(tracked)
    void tracked.finally(() => pending.delete(tracked))
  }
  const deno = runtime.Deno.serve({
    port: options.port ?? 3000,
    hostname: options.hostname,
    // The default prints "Listening on ..."; an adapter adds no output of its own.
    onListen() {},
    // The router answers its own errors; a rejection here is a bug in the app.
    onError(error) {
      console.error('app.fetch failed:', error)
      return new Response(null, { status: 500 })
    },
    handler(request, info) {
      const ctx: ExecutionContext = { waitUntil, remoteAddress: info.remoteAddr.hostname }
      return app.fetch(request, options.env as Env, ctx)
    },
  })
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      offSignals()
      // In-flight requests and waitUntil work get until the deadline; Deno's shutdown() has no
      // forced variant, so past it we stop waiting and close the app regardless.
      let timer: ReturnType<typeof setTimeout> | undefined
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.shutdownTimeout ?? 10_000)
      })
      await Promise.race([deno.shutdown(), deadline])
      await Promise.race([drain(pending), deadline])
      clearTimeout(timer)
      await app.close?.()
    })()
    return closing
  }
  const offSignals =
    options.handleSignals === false ? () => {} : onShutdownSignal(runtime.Deno, () => close())
  if (options.signal?.aborted) void close()
  options.signal?.addEventListener('abort', () => void close(), { once: true })
  const { hostname, port } = deno.addr
  const wildcard = !options.hostname || hostname === '0.0.0.0' || hostname === '::'
  const host = wildcard ? 'localhost' : hostname
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`
  return { url, deno, close }
}

/** Settles once every tracked promise, including ones added meanwhile, has settled. */
async function drain(pending: Set<Promise<unknown>>): Promise<void> {
  while (pending.size > 0) await Promise.all(pending)
}
