/** The requests a server is answering, counted until Deno reports each exchange over. */
export interface InFlight {
  /**
   * Counts one request until `completed` (`ServeHandlerInfo.completed`) settles: resolved once
   * its response was sent whole, rejected when it could not be (the client left, the connection
   * was cut).
   */
  track(completed: Promise<void>): void
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
  const done = () => {
    if (--count > 0 || settle === undefined) return
    settle()
    idle = settle = undefined
  }
  return {
    track(completed) {
      count++
      completed.then(done, done)
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
