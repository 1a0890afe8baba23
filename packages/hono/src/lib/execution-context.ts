import type { ExecutionContext } from '@ferry/router'

/** What this package reads from an execution context handed over by a runtime, Hono or Ferry. */
interface ForeignContext {
  waitUntil?(promise: Promise<unknown>): void
  passThroughOnException?(): void
  remoteAddress?: unknown
}

/**
 * `toFerryContext(foreign, basePath, remoteAddress)` is the Ferry `ExecutionContext` for a request
 * that arrived with the execution context `foreign` (Workers' `ExecutionContext` as Hono's
 * `c.executionCtx`, a Ferry context forwarded by `fromHono`, or nothing), embedded under
 * `basePath`. The runtime's methods are called on the runtime's object: Workers throws "Illegal
 * invocation" when `waitUntil` is detached from its context.
 *
 * Ferry answers are built with the global `Response` as it is at request time, not with a class
 * an upstream Ferry adapter chose nor the router's light Response on Node (decision 006): Hono
 * rebuilds responses with the global class (`new Response(res.body, res)` when a middleware
 * touched `c.res` before `next()`), and @hono/node-server replaces that class with one whose
 * constructor reads its own private fields from any `init` that is an instance of it, which a
 * light Response made on top of it is, without having them ("Cannot read private member").
 */
export function toFerryContext(
  foreign: unknown,
  basePath: string | undefined,
  remoteAddress: string | undefined,
): ExecutionContext {
  const f = (typeof foreign === 'object' && foreign !== null ? foreign : {}) as ForeignContext
  const ctx: ExecutionContext = { Response }
  if (typeof f.waitUntil === 'function') ctx.waitUntil = (p) => f.waitUntil!(p)
  if (typeof f.passThroughOnException === 'function')
    ctx.passThroughOnException = () => f.passThroughOnException!()
  const address = remoteAddress ?? f.remoteAddress
  if (typeof address === 'string') ctx.remoteAddress = address
  if (basePath) ctx.basePath = basePath
  return ctx
}
