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
 * A `Response` class an upstream Ferry adapter chose is not passed on: Hono rebuilds and decorates
 * responses with the global class, so Ferry answers inside Hono are built with the router's own
 * default (the global class; on Node the light Response of decision 006, which Hono's middleware
 * and `@hono/node-server` read like any other).
 */
export function toFerryContext(
  foreign: unknown,
  basePath: string | undefined,
  remoteAddress: string | undefined,
): ExecutionContext {
  const f = (typeof foreign === 'object' && foreign !== null ? foreign : {}) as ForeignContext
  const ctx: ExecutionContext = {}
  if (typeof f.waitUntil === 'function') ctx.waitUntil = (p) => f.waitUntil!(p)
  if (typeof f.passThroughOnException === 'function')
    ctx.passThroughOnException = () => f.passThroughOnException!()
  const address = remoteAddress ?? f.remoteAddress
  if (typeof address === 'string') ctx.remoteAddress = address
  if (basePath) ctx.basePath = basePath
  return ctx
}
