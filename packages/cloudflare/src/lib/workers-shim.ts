// The part of the Workers runtime API this adapter uses
// (https://developers.cloudflare.com/workers/runtime-apis/context/), typed locally so `src/` does
// not depend on @cloudflare/workers-types.

/** The third argument of a module worker's `fetch`. */
export interface WorkersExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
}
