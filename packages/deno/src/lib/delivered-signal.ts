// The getter every Request inherits; the adapter reads the runtime's own signal through it.
const nativeSignal = Object.getOwnPropertyDescriptor(Request.prototype, 'signal')?.get

/** What the adapter knows about a request it serves: whether its response was delivered. */
interface Exchange {
  delivered: boolean
  signal: AbortSignal | undefined
}

// Where a served request keeps its exchange. A getter on the prototype (installed once) reads it:
// an own accessor per request (`Object.defineProperty`) cost Deno about 3 µs per request, and a
// WeakMap entry about 1 µs (wrk on `GET /`: 62,700 req/s against 70,000 with this property),
// most of it in the garbage collector's handling of weak entries.
const EXCHANGE = Symbol('ferry.exchange')
type Served = Request & { [EXCHANGE]?: Exchange }
let installed = false

/**
 * `keepSignalOnDelivery(request, completed)` gives `request` a `signal` that aborts when the
 * exchange fails (the client goes away, the body cannot be sent) and stays unaborted once the
 * response has been delivered. Deno.serve aborts every request's signal after a successful
 * response too (its "legacy abort", https://docs.deno.com/go/unstable-no-legacy-abort), where
 * Node, Bun and workerd abort it only for a client that left; code passing `c.request.signal` to
 * work that outlives the response (a `waitUntil` fetch) would be cancelled on Deno alone.
 * `completed` is `ServeHandlerInfo.completed`, which Deno resolves just before that abort. The
 * signal is built when first read; other requests keep the runtime's own. `settled` runs once
 * `completed` settles, either way (the adapter counts requests in flight with it).
 */
export function keepSignalOnDelivery(
  request: Request,
  completed: Promise<void>,
  settled: () => void = () => {},
): void {
  const native = nativeSignal
  if (native === undefined) {
    completed.then(settled, settled)
    return
  }
  if (!installed) {
    installed = true
    Object.defineProperty(Request.prototype, 'signal', {
      configurable: true,
      enumerable: true,
      get(this: Served) {
        const exchange = this[EXCHANGE]
        if (exchange === undefined) return native.call(this)
        exchange.signal ??= follow(native.call(this) as AbortSignal, exchange)
        return exchange.signal
      },
    })
  }
  const exchange: Exchange = { delivered: false, signal: undefined }
  ;(request as Served)[EXCHANGE] = exchange
  // Read now: Deno creates `completed` lazily and settles only one that exists when it closes.
  // One reaction serves both: a second one per request is a promise more on Deno's hot path.
  completed.then(() => {
    exchange.delivered = true
    settled()
  }, settled)
}

function follow(native: AbortSignal, exchange: Exchange): AbortSignal {
  const controller = new AbortController()
  if (native.aborted) {
    if (!exchange.delivered) controller.abort(native.reason)
  } else {
    native.addEventListener(
      'abort',
      // Deno resolves `completed`, then aborts, in one task: the reaction that sets `delivered`
      // was queued first, so a microtask later tells a delivery from a failure.
      () => queueMicrotask(() => exchange.delivered || controller.abort(native.reason)),
      { once: true },
    )
  }
  return controller.signal
}
