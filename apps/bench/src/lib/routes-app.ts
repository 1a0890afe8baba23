import { honoSet } from '../router/routes.js'

/** The routes of the in-process dispatch group: Hono's router-benchmark set. */
export const appRoutes = honoSet.routes

/** The requests of the group: the seven of Hono's benchmark. */
export const appProbes = honoSet.cases.at(-1)!.probes

/**
 * The body every app answers: its captures' values joined by `,`, or `ok` without captures, so the
 * check proves each framework extracted them.
 */
export function bodyOf(values: readonly unknown[]): string {
  return values.length === 0
    ? 'ok'
    : values.map((v) => (Array.isArray(v) ? v.join('/') : v)).join(',')
}
