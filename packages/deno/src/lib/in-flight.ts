/** The requests a server is answering, counted until Deno reports each exchange over. */
export interface InFlight {
  /** Counts one more request, until `leave` is called for it. */
  enter(): void
  /**
   * Counts one request less: call it once `ServeHandlerInfo.completed` of a request `enter`
   * counted settles (resolved once its response was sent whole, rejected when it could not be).
   * One function for every request, so the caller passes it on without a closure.
   */
  readonly leave: () => void
  /** Settles once no request is counted, at once if none is. */
  drained(): Promise<void>
}

/**
 * `createInFlight()` counts the requests being answered, so that a shutdown knows when the last
 * one is done: Deno's `server.shutdown()` waits for them itself, but once it has begun nothing
 * can cut them any more.
 */
export function createInFlight(): InFlight {
  let count = 0
  let idle: Promise<void> | undefined
  let settle: (() => void) | undefined
  return {
    enter() {
      count++
    },
    leave() {
      if (--count > 0 || settle === undefined) return
      settle()
      idle = settle = undefined
    },
    drained() {
      if (count === 0) return Promise.resolve()
      idle ??= new Promise((resolve) => {
        settle = resolve
      })
      return idle
    },
  }
}
