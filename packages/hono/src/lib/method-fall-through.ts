import type { Context } from 'hono'
import { matchedRoutes } from 'hono/route'

/**
 * `isMethodAnswer(res, method)` is whether `res` is the router's answer to a path it routes for
 * other methods only: a 405 with `Allow`, or for OPTIONS the 204 with `Allow` (DESIGN §3, step 2).
 * Those say nothing about the Hono routes behind the embedding, which may have the method.
 */
export function isMethodAnswer(res: Response, method: string): boolean {
  return (
    (res.status === 405 || (res.status === 204 && method === 'OPTIONS')) && res.headers.has('allow')
  )
}

/**
 * `honoAnswered(c, index)` is whether, after `next()` of the middleware at route `index`, a later
 * Hono route answered the request, rather than Hono's `notFound`. Hono records the handler it
 * dispatched last in `c.req.routeIndex`: still `index` means nothing after it ran; a route for a
 * method (`get`, `delete`, ...) is a handler whatever it answered; a route for every method (`use`,
 * `all`) may be middleware that passed the request on, so only a status other than 404 counts.
 */
export function honoAnswered(c: Context, index: number): boolean {
  const last = c.req.routeIndex
  if (last === index) return false
  const route = matchedRoutes(c)[last]
  if (route !== undefined && route.method !== 'ALL') return true
  return c.res.status !== 404
}

/**
 * `laterRoutes(c)` is whether Hono matched any route for this request after the one running
 * now (`c.req.routeIndex`): without one, `next()` can only reach Hono's `notFound`.
 */
export function laterRoutes(c: Context): boolean {
  return matchedRoutes(c).length > c.req.routeIndex + 1
}
