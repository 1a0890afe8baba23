// The part of the Workers runtime API this adapter uses
// (https://developers.cloudflare.com/workers/runtime-apis/context/), typed locally so `src/` does
// not depend on @cloudflare/workers-types.

/** The third argument of a module worker's `fetch`. */
export interface WorkersExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
  /** The value the caller bound this Worker with (a service binding's `props`); `{}` by default. */
  readonly props?: unknown
  /** Loopback bindings to this Worker's own exported entrypoints. */
  readonly exports?: Readonly<Record<string, unknown>>
}
