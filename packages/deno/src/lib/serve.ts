import type { ExecutionContext, FetchApp } from '@ferry/router'
import { keepSignalOnDelivery } from './delivered-signal.js'
import { type DenoHttpServer, type DenoServeHandlerInfo, runtime } from './deno-shim.js'
import { withHeadFraming } from './head-framing.js'
import { createInFlight } from './in-flight.js'
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
  timeoutOption,
} from '@ferry/router/serve'

/** Options of `serve`: the shared adapter options (hostname defaults to `::`, IPv4 and IPv6). */
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
  // Deno.serve (2.9.6) has no timeout of any kind to give `requestTimeout` to: checked, and a
  // limit asked for is said to be missing rather than silently dropped.
  if (timeoutOption(options.requestTimeout, 'requestTimeout')) {
    console.warn(
      '[ferry] requestTimeout has no effect on Deno: Deno.serve has no timeout, so a slow ' +
        'client holds its connection; put a proxy with timeouts in front of untrusted clients',
    )
  }
  // Deno.serve has no waitUntil: track the promises so close() can wait for them.
  const { waitUntil, drain } = createWaitUntil()
  const env = options.env as Env
  const inFlight = createInFlight()
  // Aborting the signal given to Deno.serve cuts every connection, the only way Deno offers; it
  // throws BadResource once server.shutdown() has begun (Deno 2.9), so close() begins it only
  // when nothing is left in flight (see `stop` below).
  const cut = new AbortController()
  let closing = false
  const deno = listen(options.hostname, (hostname) => ({
    port: options.port ?? 3000,
    hostname,
    signal: cut.signal,
    // The default prints "Listening on ..."; an adapter adds no output of its own.
    onListen() {},
    // The router answers its own errors; a rejection here is a bug in the app.
    onError(error) {
      console.error('app.fetch failed:', error)
      return new Response(null, { status: 500 })
    },
    handler(request, info) {
      // Still listening while close() waits for requests in flight: refuse new work.
      if (closing) return Promise.resolve(unavailable())
      // Deno builds the URL as `http://` + Host + target, whatever the Host holds.
      const defect = requestDefect(request)
      if (defect !== undefined) return Promise.resolve(refusal(defect))
      // Deno passes dot segments on as sent; resolve them as Bun, workerd and browsers do.
      const resolved = resolveTarget(request.url)
      if (resolved !== undefined) request = new Request(resolved, request)
      // A getter that makes the promise on first read: read once.
      const completed = info.completed
      if (completed !== undefined) {
        inFlight.enter()
        keepSignalOnDelivery(request, completed, inFlight.leave)
      }
      const answer = app.fetch(request, env, new DenoContext(waitUntil, info))
      // A FetchApp may answer a Response rather than a promise (Hono's fetch does for a
      // synchronous handler), which has no `then`.
      return request.method === 'HEAD' ? Promise.resolve(answer).then(withHeadFraming) : answer
    },
  }))
  let shuttingDown = false
  let uncut = false
  const close = createGracefulClose({
    // Deno's shutdown() stops listening and waits for the requests in flight, but nothing can cut
    // them once it has begun. So while some are in flight the server keeps listening, answering
    // new requests 503, and shuts down once they are done; the deadline cuts them instead.
    stop: async () => {
      offSignals()
      closing = true
      await inFlight.drained()
      if (cut.signal.aborted) return deno.finished
      shuttingDown = true
      await deno.shutdown()
    },
    force: () => {
      // A Deno that gives no `info.completed` leaves requests uncounted, so shutdown() may have
      // begun with one still open: close() then stops waiting, and a shutdown signal ends the
      // process (see below).
      if (shuttingDown) {
        uncut = true
        return
      }
      cut.abort()
      return deno.finished
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
          // A response left open at the deadline would keep the process alive for good, where
          // Node and Bun cut it; exit as they then do, with 0.
          () => close().then(() => uncut && Deno.exit(0)),
        )
  closeOnAbort(options.signal, close)
  const url = serverUrl(options.hostname, deno.addr.hostname, deno.addr.port)
  return { url, deno, close }
}

/** The answer to a request that arrives while `close()` waits for the ones in flight. */
function unavailable(): Response {
  return refusal('the server is shutting down', 503, 'Service Unavailable')
}

/**
 * `refusal(detail, status, title)` is `badRequest`'s problem without its `Connection: close`.
 * Deno.serve (2.9.6) ignores that field in a response and keeps the connection open, and it adds
 * its own `close` when it does close (the client asked, or left a body unread): the adapter's
 * made every such answer carry two, and the others claim a close that never came (RFC 9112 §9.6
 * says a server that sends it MUST close). Deno offers no other way to close a connection.
 */
function refusal(detail: string, status?: number, title?: string): Response {
  const response = badRequest(detail, status, title)
  response.headers.delete('connection')
  return response
}

/**
 * `listen(hostname, options)` is the `Deno.serve` server of `options(host)`, on `hostname` when
 * given. Without one it is on `::`, which takes IPv4 clients too (Linux's default, `bindv6only`
 * 0), where Deno's own default `0.0.0.0` would refuse IPv6 ones (`::1`) that Node and Bun serve;
 * on a host that cannot bind `::` (no IPv6), on `0.0.0.0`. A port in use fails either way.
 */
function listen(
  hostname: string | undefined,
  options: (host: string) => Parameters<typeof runtime.Deno.serve>[0],
): DenoHttpServer {
  if (hostname !== undefined) return runtime.Deno.serve(options(hostname))
  try {
    return runtime.Deno.serve(options('::'))
  } catch (error) {
    if ((error as Error).name === 'AddrInUse') throw error
    return runtime.Deno.serve(options('0.0.0.0'))
  }
}
