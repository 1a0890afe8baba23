// The parts of `serve()` that Node, Bun and Deno share. Runtime-neutral: each adapter hands in
// what its runtime does (stop listening, cut connections, listen for signals).

/** Options of every adapter's `serve(app, options)`. */
export interface ServeOptions<Env = unknown> {
  /** TCP port to listen on; `0` picks a free one. Default `3000`. */
  port?: number
  /** Interface to bind. Default: every interface (the runtime's own default). */
  hostname?: string
  /** Aborting it shuts the server down gracefully, as `close()` does. */
  signal?: AbortSignal
  /** The value handed to the app as `env`. */
  env?: Env
  /**
   * Milliseconds that in-flight requests and `waitUntil` work get on shutdown; past it the
   * connections are cut (where the runtime can), `waitUntil` work still unsettled is abandoned
   * (noted with `console.warn`) and the app is closed regardless. `Infinity` waits as long as
   * they take. Default `10000`.
   */
  shutdownTimeout?: number
  /** Whether SIGINT and SIGTERM shut the server down gracefully. Default `true`. */
  handleSignals?: boolean
  /**
   * Milliseconds a client gets to send a request (its head, then its body) before the server
   * closes the connection, so that a client trickling bytes cannot hold it for ever. `0` or
   * `Infinity`: no limit. Default: the runtime's own. Each runtime bounds what it can: on Node
   * the whole request (then `408`), on Bun the time a connection goes without an answer (Bun's
   * `idleTimeout`, whole seconds up to 255), on Deno nothing (Deno.serve has no timeout); each
   * adapter's README says precisely. A negative or NaN value throws a `RangeError`.
   */
  requestTimeout?: number
}

/**
 * `timeoutOption(value, name)` is the timeout `value` (milliseconds) as whole milliseconds, `0`
 * for no limit (`0` or `Infinity`), or `undefined` when not given; a negative or NaN value
 * throws a `RangeError` naming the option `name`.
 */
export function timeoutOption(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!(value >= 0)) {
    throw new RangeError(`${name} must be a number of milliseconds, 0 or more; got ${value}`)
  }
  return value === Number.POSITIVE_INFINITY ? 0 : Math.ceil(value)
}

/** What every adapter's `serve()` resolves with (each adds its runtime's own server object). */
export interface RunningServer {
  /** The URL the server answers on (`http://localhost:3000/` when bound to every interface). */
  readonly url: string
  /**
   * Shuts down gracefully: stops accepting, lets in-flight requests finish (up to
   * `shutdownTimeout`, then cuts them, cancelling the streams of their responses), waits for
   * `waitUntil` work (within the same deadline), then calls `app.close()`, and settles with it.
   * Past the deadline that is as soon as the cut is done; the deadline is a timer, which can fire
   * late on a busy machine. Idempotent.
   */
  close(): Promise<void>
}

/** What `createWaitUntil()` gives an adapter: the context's `waitUntil`, and a way to wait for it. */
export interface WaitUntilTracker {
  waitUntil(promise: Promise<unknown>): void
  /** Settles once every tracked promise, including ones added meanwhile, has settled. */
  drain(): Promise<void>
}

/**
 * `createWaitUntil()` tracks `waitUntil` work for a runtime that has no such hook, so a graceful
 * shutdown can wait for it. A rejected task is logged, never an unhandled rejection.
 */
export function createWaitUntil(): WaitUntilTracker {
  const pending = new Set<Promise<unknown>>()
  return {
    waitUntil(promise) {
      const tracked = Promise.resolve(promise).then(
        () => {},
        (error: unknown) => console.error('waitUntil task failed:', error),
      )
      pending.add(tracked)
      void tracked.finally(() => pending.delete(tracked))
    },
    async drain() {
      while (pending.size > 0) await Promise.all(pending)
    },
  }
}

/** What a graceful close needs from the adapter. */
export interface GracefulCloseParts {
  /** Stops accepting and settles when in-flight requests are done. */
  stop(): Promise<void>
  /**
   * Cuts what is left once the deadline passes, and settles once it is cut (the connections
   * closed, their response streams cancelled): the app is closed only then. Absent where the
   * runtime cannot cut.
   */
  force?(): Promise<void> | void
  /** Settles when `waitUntil` work is done. */
  drain(): Promise<void>
  /** The app's own disposal (`app.close()`). */
  dispose?(): Promise<void> | void
  /** Milliseconds `stop` and `drain` get together; `Infinity` (or 2^31 and more) sets no deadline. */
  timeout: number
}

/**
 * `createGracefulClose(parts)` is an idempotent `close()`: stop accepting, let in-flight requests
 * and `waitUntil` work finish until the deadline, then dispose the app. Requests still in flight
 * at the deadline are cut (`force`), and the app is disposed once they are, so that no response
 * stream still runs when its resources go; `waitUntil` work still unsettled is abandoned. Either
 * is logged with `console.warn`, since work is lost. When `stop` or `force` fails, the rest still
 * runs and the promise rejects with that failure once the app is disposed. Every later call
 * returns the same promise.
 */
export function createGracefulClose(parts: GracefulCloseParts): () => Promise<void> {
  let closing: Promise<void> | undefined
  const late = `[ferry] shutdownTimeout (${parts.timeout} ms) passed with`
  return () => {
    closing ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const deadline = new Promise<typeof LATE>((resolve) => {
        // Timers run a delay past 2^31 - 1 ms (Infinity too) after 1 ms instead (HTML timers
        // §8.6, Node's TimeoutOverflowWarning): no deadline is meant.
        if (parts.timeout < 2 ** 31) timer = setTimeout(() => resolve(LATE), parts.timeout)
      })
      // A server that fails to stop or to cut still has its app closed (its resources would
      // leak) and no deadline left running; `close()` then rejects with that failure.
      let failure: { error: unknown } | undefined
      const attempt = async (step: () => unknown) => {
        try {
          await step()
        } catch (error) {
          failure ??= { error }
        }
      }
      if ((await Promise.race([attempt(() => parts.stop()), deadline])) === LATE) {
        console.warn(`${late} requests in flight: cutting them`)
        await attempt(() => parts.force?.())
      }
      if ((await Promise.race([parts.drain(), deadline])) === LATE) {
        console.warn(`${late} waitUntil work unsettled: closing the app without it`)
      }
      clearTimeout(timer)
      await parts.dispose?.()
      if (failure) throw failure.error
    })()
    return closing
  }
}

/** What the deadline of a graceful close settles with. */
const LATE = Symbol('late')

/** How an adapter's runtime listens for a signal and exits. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void
  exit(code: number): void
}

/**
 * `onShutdownSignals(source, shutdown)` runs `shutdown` on the first SIGINT or SIGTERM and exits
 * at once on a second one ("press Ctrl-C again to force", with the shell's 128 + signal code). A
 * shutdown that fails (`app.close()` rejects) is logged and exits with 1: no one else awaits it,
 * and an unhandled rejection would end the process with a bare stack. It returns a function that
 * removes the listeners, unless a signal already arrived, so a second one still forces the exit.
 */
export function onShutdownSignals(
  source: SignalSource,
  shutdown: () => Promise<unknown>,
): () => void {
  let received = false
  const on = (code: number) => () => {
    if (received) source.exit(code)
    received = true
    shutdown().catch((error: unknown) => {
      console.error('[ferry] shutting down failed:', error)
      source.exit(1)
    })
  }
  const onInt = on(130)
  const onTerm = on(143)
  source.on('SIGINT', onInt)
  source.on('SIGTERM', onTerm)
  return () => {
    if (received) return
    source.off('SIGINT', onInt)
    source.off('SIGTERM', onTerm)
  }
}

/**
 * `serverUrl(requested, bound, port)` is the URL a server answers on: `localhost` when bound to
 * every interface (or no hostname was asked for), the bound address otherwise, IPv6 in brackets.
 */
export function serverUrl(requested: string | undefined, bound: string, port: number): string {
  const wildcard = !requested || bound === '0.0.0.0' || bound === '::'
  const host = wildcard ? 'localhost' : bound
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`
}

/**
 * Calls `close` when `signal` aborts (at once if it already has); a close that fails is logged,
 * as no one awaits it.
 */
export function closeOnAbort(signal: AbortSignal | undefined, close: () => Promise<unknown>): void {
  const run = () => {
    close().catch((error: unknown) => console.error('[ferry] closing on abort failed:', error))
  }
  if (signal?.aborted) run()
  signal?.addEventListener('abort', run, { once: true })
}

/**
 * `confineToRoot(root, realpath, sep)` is the `locate` step every disk file source shares: the
 * real path of a file-source path under `root`, or `undefined` when the path holds `..`, a
 * backslash or a NUL byte, does not exist, or resolves (through symbolic links) outside the real
 * path of `root`, or when no segment of the path is hidden (starts with `.`) but the real path,
 * relative to the real root, has one. `realpath` is the runtime's; `sep` is its path separator
 * (`/` but on Windows).
 */
export function confineToRoot(
  root: string,
  realpath: (path: string) => Promise<string>,
  sep = '/',
): (path: string) => Promise<string | undefined> {
  const realRoot = realpath(root).catch(() => undefined)
  return async (path) => {
    const base = await realRoot
    if (base === undefined || !isPlainRelative(path)) return undefined
    const tail = path.replace(/^\/+/, '')
    const joined = tail === '' ? base : `${base.replace(/[\\/]+$/, '')}/${tail}`
    const real = await realpath(joined).catch(() => undefined)
    if (real === undefined) return undefined
    if (real === base) return real
    const inside = base.endsWith(sep) ? base : base + sep
    if (!real.startsWith(inside)) return undefined
    // File servers refuse dotfiles (`.env`, `.git/`) by the name asked for; a link under a plain
    // name (`config -> .env`) must not read one anyway. A hidden name asked for as such is left
    // to the caller's own dotfile policy.
    if (
      !hasHiddenSegment(tail.split('/')) &&
      hasHiddenSegment(real.slice(inside.length).split(sep))
    )
      return undefined
    return real
  }
}

/** Whether one of `segments` names a hidden entry (a dotfile or dot directory). */
function hasHiddenSegment(segments: readonly string[]): boolean {
  return segments.some((segment) => segment.startsWith('.'))
}

/** Whether `path` is a `/`-separated path with no `..` segment, backslash or NUL. */
function isPlainRelative(path: string): boolean {
  if (path.includes('\\') || path.includes('\0')) return false
  return !path.split('/').some((segment) => segment === '..')
}
