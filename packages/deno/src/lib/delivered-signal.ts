// The getter every Request inherits; the adapter reads the runtime's own signal through it.
const nativeSignal = Object.getOwnPropertyDescriptor(Request.prototype, 'signal')?.get

/**
 * `keepSignalOnDelivery(request, completed)` gives `request` a `signal` that aborts when the
 * exchange fails (the client goes away, the body cannot be sent) and stays unaborted once the
 * response has been delivered. Deno.serve aborts every request's signal after a successful
 * response too (its "legacy abort", https://docs.deno.com/go/unstable-no-legacy-abort), where
 * Node, Bun and workerd abort it only for a client that left; code passing `c.request.signal` to
 * work that outlives the response (a `waitUntil` fetch) would be cancelled on Deno alone.
 * `completed` is `ServeHandlerInfo.completed`, which Deno resolves just before that abort. The
 * signal is built when first read, so requests that never read it pay only for the `then`.
 */
export function keepSignalOnDelivery(request: Request, completed: Promise<void>): void {
  if (nativeSignal === undefined) return
  let delivered = false
  // Read now: Deno creates `completed` lazily and settles only one that exists when it closes.
  completed.then(
    () => {
      delivered = true
    },
    () => {},
  )
  let signal: AbortSignal | undefined
  Object.defineProperty(request, 'signal', {
    configurable: true,
    get: () => {
      signal ??= follow(nativeSignal.call(request) as AbortSignal, () => delivered)
      return signal
    },
  })
}

function follow(native: AbortSignal, delivered: () => boolean): AbortSignal {
  const controller = new AbortController()
  if (native.aborted) {
    if (!delivered()) controller.abort(native.reason)
  } else {
    native.addEventListener(
      'abort',
      // Deno resolves `completed`, then aborts, in one task: the reaction that sets `delivered`
      // was queued first, so a microtask later tells a delivery from a failure.
      () => queueMicrotask(() => delivered() || controller.abort(native.reason)),
      { once: true },
    )
  }
  return controller.signal
}
