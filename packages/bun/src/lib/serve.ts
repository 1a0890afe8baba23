import type { ExecutionContext, FetchApp } from '@ferry/router'
import type { BunServer } from './bun-shim.js'
import { runtime } from './bun-shim.js'
import { withHeadFraming } from './head-framing.js'
import {
  badRequest,
  closeOnAbort,
  createGracefulClose,
  createWaitUntil,
  onShutdownSignals,
  type RunningServer,
  requestUrlDefect,
  type ServeOptions as SharedServeOptions,
  serverUrl,
  timeoutOption,
} from '@ferry/router/serve'

/** Options of `serve`: the shared adapter options (hostname defaults to Bun's, IPv4 and IPv6). */
export type ServeOptions<Env = unknown> = SharedServeOptions<Env>

/** A running server: the shared `url` and `close()`, and the runtime's own server. */
export interface Server extends RunningServer {
  /** The underlying `Bun.serve` server. */
  readonly bun: BunServer
}

/**
 * The `ExecutionContext` of one request. `remoteAddress` asks Bun (`server.requestIP`, a native
 * call that builds an object) only when read, which most requests never do; the answer is kept.
 */
class BunContext implements ExecutionContext {
  readonly framedBodies = true
  #address: string | undefined | null = null
  readonly waitUntil: (promise: Promise<unknown>) => void
  readonly #server: BunServer
  readonly #request: Request

  constructor(waitUntil: (promise: Promise<unknown>) => void, server: BunServer, request: Request) {
    this.waitUntil = waitUntil
    this.#server = server
    this.#request = request
  }

  get remoteAddress(): string | undefined {
    if (this.#address === null) this.#address = this.#server.requestIP(this.#request)?.address
    return this.#address
  }
}

/**
 * `serve(app, options)` is a `Bun.serve` server answering with `app`, resolved once it listens.
 * Rejects when the port cannot be bound.
 */
export async function serve<Env = unknown>(
  app: FetchApp<Env>,
  options: ServeOptions<Env> = {},
): Promise<Server> {
  const idleTimeout = idleSeconds(options.requestTimeout)
  // Bun has no waitUntil of its own: track the promises so close() can wait for them.
  const { waitUntil, drain } = createWaitUntil()
  const env = options.env as Env
  const bun = runtime.Bun.serve({
    port: options.port ?? 3000,
    hostname: options.hostname,
    // Development mode answers errors with an HTML page that shows source code.
    development: false,
    idleTimeout,
    fetch(request, server) {
      // Bun hands over a bare path as the URL when the Host header is no valid host (`a?b` and
      // `a/b` alike), so the URL alone tells; reading the header would make Bun build the
      // request's Headers, which a route that reads none never pays for.
      let req = request
      const defect = requestUrlDefect(request.url)
      if (defect !== undefined) {
        // HTTP/1.0 may send no Host (RFC 9112 §3.2 asks it of 1.1, which Bun refuses without):
        // Bun then hands over the bare target too. The URL names this server, as on Node.
        if (request.url.charCodeAt(0) !== 47 || request.headers.get('host') !== null) {
          return Promise.resolve(badRequest(defect))
        }
        req = new Request(new URL(request.url, url), request)
      }
      // `requestIP` knows only the Request Bun made.
      const answer = app.fetch(req, env, new BunContext(waitUntil, server, request))
      // A FetchApp may answer a Response rather than a promise (Hono's fetch does for a
      // synchronous handler), which has no `then`.
      return req.method === 'HEAD' ? Promise.resolve(answer).then(withHeadFraming) : answer
    },
    // The router answers its own errors; a rejection here is a bug in the app.
    error(error) {
      console.error('app.fetch failed:', error)
      return new Response(null, { status: 500 })
    },
  })
  const close = createGracefulClose({
    stop: async () => {
      offSignals()
      await bun.stop()
    },
    // Past the deadline, cut the connections still open (cancelling the streams of their
    // responses); settles once they are closed.
    force: () => bun.stop(true),
    drain,
    dispose: () => app.close?.(),
    timeout: options.shutdownTimeout ?? 10_000,
  })
  const offSignals =
    options.handleSignals === false
      ? () => {}
      : onShutdownSignals(
          {
            on: (s, l) => runtime.process.on(s, l),
            off: (s, l) => runtime.process.off(s, l),
            exit: (code) => runtime.process.exit(code),
          },
          close,
        )
  closeOnAbort(options.signal, close)
  const url = serverUrl(options.hostname, bun.hostname, bun.port)
  return { url, bun, close }
}

/**
 * `idleSeconds(requestTimeout)` is Bun's `idleTimeout` for the shared `requestTimeout`: whole
 * seconds, rounded up, at most 255 (Bun refuses more), `0` for no limit; `undefined` (Bun's own
 * 10 s) when none is given. Bun counts it from the last byte it sent, so it bounds a request whose
 * body trickles in as well as an app that takes that long to answer (measured on Bun 1.4.5).
 */
function idleSeconds(requestTimeout: number | undefined): number | undefined {
  const timeout = timeoutOption(requestTimeout, 'requestTimeout')
  return timeout === undefined ? undefined : Math.min(255, Math.ceil(timeout / 1000))
}
