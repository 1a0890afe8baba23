import type { ExecutionContext, FetchApp } from '@ferry/router'
import { badRequest, requestDefect, resolveTarget } from '@ferry/router/serve'
import { withHeaderBytes } from './header-bytes.js'
import type { WorkersExecutionContext } from './workers-shim.js'

/** A module worker: the default export of a Workers script. */
export interface ModuleWorker<Env = unknown> {
  fetch(request: Request, env: Env, ctx: WorkersExecutionContext): Promise<Response>
}

/**
 * `toWorker(app)` is the module worker that answers every request with `app`: `env` (the Worker's
 * bindings) becomes `c.env`, `ctx.waitUntil` backs `c.waitUntil`, and the client address is the
 * `CF-Connecting-IP` header that Cloudflare's edge sets (absent under a bare `workerd`);
 * `ctx.props` and `ctx.exports` are handed on as the context's `props` and `exports`.
 * Workers have no shutdown, so `app.close()` is never called.
 */
export function toWorker<Env = unknown>(app: FetchApp<Env>): ModuleWorker<Env> {
  return {
    fetch(request, env, ctx) {
      // workerd puts the client's Host header into request.url as it came: `Host: a?b` turns
      // GET /x into http://a?b/x, whose path is `/`. Cloudflare's edge refuses such a Host before
      // the Worker runs; a bare workerd (or wrangler dev) does not, so check here as Node, Bun
      // and Deno do.
      const defect = requestDefect(request)
      if (defect !== undefined) return Promise.resolve(badRequest(defect))
      // A bare workerd passes dot segments on as sent (`/a/../b`); Cloudflare's edge resolves
      // them by default (URL normalization). Resolve them here, as on the other runtimes.
      const resolved = resolveTarget(request.url)
      if (resolved !== undefined) request = new Request(resolved, request)
      request = withHeaderBytes(request)
      const context: ExecutionContext = {
        // The runtime checks `this` on these methods ("Illegal invocation"), so bind them.
        waitUntil: (promise) => ctx.waitUntil(promise),
        passThroughOnException: () => ctx.passThroughOnException(),
        remoteAddress: request.headers.get('cf-connecting-ip') ?? undefined,
        framedBodies: true,
        // Getters on workerd's ctx, read per request: a handler (or Hono behind fromHono, whose
        // c.executionCtx is this object) has no other way to reach them.
        props: ctx.props,
        exports: ctx.exports,
      }
      return app.fetch(request, env, context)
    },
  }
}
