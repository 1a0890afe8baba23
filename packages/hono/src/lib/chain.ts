import type { ExecutionContext } from '@ferry/router'

// A symbol-keyed list on the execution contexts this package creates: the Ferry apps a request has
// already passed through by way of `toHono`. It is how a Hono app that mounts a Ferry app whose
// fallback is that same Hono app (`fromHono`) stops after one round instead of recursing forever.
const ENTERED = Symbol.for('ferry.hono.entered')

/** An execution context that may carry the list of Ferry apps a request has entered. */
export type ChainedContext = ExecutionContext & { readonly [ENTERED]?: readonly object[] }

/** `enteredApps(ctx)` is the Ferry apps the request behind `ctx` has entered through `toHono`. */
export function enteredApps(ctx: unknown): readonly object[] {
  if (typeof ctx !== 'object' || ctx === null) return []
  return (ctx as ChainedContext)[ENTERED] ?? []
}

/** `withEntered(ctx, apps)` is `ctx` carrying `apps` as the entered list. */
export function withEntered<C extends ExecutionContext>(ctx: C, apps: readonly object[]): C {
  return Object.assign(ctx, { [ENTERED]: apps })
}
