import type { ExecutionContext, FetchApp } from '@ferry/router'
import { keepSignalOnDelivery } from './delivered-signal.js'
import { type DenoHttpServer, type DenoServeHandlerInfo, runtime } from './deno-shim.js'
import { withHeadFraming } from './head-framing.js'
import {
  badRequest,
  closeOnAbort,
  createGracefulClose,
  createWaitUntil,
  onShutdownSignals,
  type RunningServer,
  requestDefect,
  resolveTarget,
  type ServeOptions as SharedServeOptions,
  serverUrl,
} from '@ferry/router/serve'

/** Options of `serve`: the shared adapter options (hostname defaults to Deno's `0.0.0.0`). */
export type ServeOptions<Env = unknown> = SharedServeOptions<Env>

/** A running server: the shared `url` and `close()`, and the runtime's own server. */
export interface Server extends RunningServer {
  /** The underlying `Deno.serve` server. */
  readonly deno: DenoHttpServer
}

/**
 * The `ExecutionContext` of one request. `remoteAddress` reads `info.remoteAddr` (a getter that
 * asks the runtime for the peer address) only when read, which most requests never do.
 */
class DenoContext implements ExecutionContext {
  readonly framedBodies = true
  readonly waitUntil: (promise: Promise<unknown>) => void
  readonly #info: DenoServeHandlerInfo

  constructor(waitUntil: (promise: Promise<unknown>) => void, info: DenoServeHandlerInfo) {
    this.waitUntil = waitUntil
    this.#info = info
  }

  get remoteAddress(): string | undefined {
    try {
      return this.#info.remoteAddr.hostname
    } catch {
      // Deno forgets the peer once the response is sent ("Request closed").
      return undefined
    }
  }
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
  const { waitUntil, drain } = createWaitUntil()
  const env = options.env as Env
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
      // Deno builds the URL as `http://` + Host + target, whatever the Host holds.
      const defect = requestDefect(request)
      if (defect !== undefined) return Promise.resolve(badRequest(defect))
      // Deno passes dot segments on as sent; resolve them as Bun, workerd and browsers do.
      const resolved = resolveTarget(request.url)
      if (resolved !== undefined) request = new Request(resolved, request)
      // A getter that makes the promise on first read: read once.
      const completed = info.completed
      if (completed !== undefined) keepSignalOnDelivery(request, completed)
      const answer = app.fetch(request, env, new DenoContext(waitUntil, info))
      return request.method === 'HEAD' ? answer.then(withHeadFraming) : answer
    },
  })
  let forced = false
  const close = createGracefulClose({
    stop: async () => {
      offSignals()
      await deno.shutdown()
    },
    // Deno cannot cut what is still open past the deadline: shutdown() has no forced variant, and
    // aborting a `signal` given to Deno.serve once shutdown() began throws BadResource (Deno 2.9).
    // Close stops waiting then, and a shutdown signal ends the process (see below).
    force: () => {
      forced = true
    },
    drain,
    dispose: () => app.close?.(),
    timeout: options.shutdownTimeout ?? 10_000,
  })
  const Deno = runtime.Deno
  const offSignals =
    options.handleSignals === false
      ? () => {}
      : onShutdownSignals(
          {
            on: (s, l) => Deno.addSignalListener(s, l),
            off: (s, l) => Deno.removeSignalListener(s, l),
            exit: (code) => Deno.exit(code),
          },
          // A response still streaming at the deadline would keep the process alive for good,
          // where Node and Bun cut it; exit as they then do, with 0.
          () => close().then(() => forced && Deno.exit(0)),
        )
  closeOnAbort(options.signal, close)
  const url = serverUrl(options.hostname, deno.addr.hostname, deno.addr.port)
  return { url, deno, close }
}
