import type { BaseContext, ExecutionContext } from '@ferry/router'
import { enteredApps, withEntered } from './chain.js'

/** What `fromHono` runs: a Hono app, or anything with a fetch handler of the same shape. */
export interface FetchHandlerApp {
  fetch(request: Request, env?: any, executionCtx?: any): Response | Promise<Response>
}

/**
 * `fromHono(app)` is a Ferry handler that answers with `app.fetch(c.request, c.env, ctx)`: use it
 * as a router's fallback (`ferry.notFound(fromHono(hono))`) or as a route's handler. The request
 * goes on unchanged, with its full path and unread body.
 *
 * `ctx` is the execution context the Ferry app was given when it is a whole Workers one
 * (`waitUntil`, `passThroughOnException` and `props`: `toWorker`'s, or the runtime's own for a
 * Worker that calls `app.fetch(request, env, ctx)` itself), so Hono's `c.executionCtx` has the
 * Worker's `props` and `exports`; otherwise (Ferry's other adapters) a stand-in whose `waitUntil` is Ferry's `c.waitUntil`, whose
 * `passThroughOnException` is the runtime's or does nothing, and whose `props` is `{}`, so Hono code
 * that calls `c.executionCtx` works on every runtime.
 */
export function fromHono(app: FetchHandlerApp): (c: BaseContext<unknown>) => Promise<Response> {
  if (typeof app !== 'object' || app === null || typeof app.fetch !== 'function')
    throw new TypeError('fromHono() takes an app with a fetch(request, env, ctx) method')
  return async (c) => {
    // The router's context class carries the execution context it was given (context.ts), though
    // `BaseContext` does not declare it.
    const outer = (c as { executionContext?: ExecutionContext }).executionContext
    const ctx = isWorkersContext(outer)
      ? outer
      : withEntered(
          {
            waitUntil: (p: Promise<unknown>) => c.waitUntil(p),
            passThroughOnException: () => outer?.passThroughOnException?.(),
            props: {},
            remoteAddress: c.remoteAddress,
          },
          enteredApps(outer),
        )
    return app.fetch(c.request, c.env, ctx)
  }
}

// Hono's `ExecutionContext` type has all three; code reading `c.executionCtx.props` must not
// find it missing on Workers only.
function isWorkersContext(ctx: ExecutionContext | undefined): boolean {
  return (
    typeof ctx?.waitUntil === 'function' &&
    typeof ctx.passThroughOnException === 'function' &&
    typeof (ctx as { props?: unknown }).props === 'object'
  )
}
