/**
 * The route sets and requests of the router-match group, written once in Ferry's pattern syntax
 * (`:name` a segment capture, `*name` a final rest capture) and translated for each peer.
 */

/** A route: its method and path pattern. */
export interface RouteDef {
  readonly method: string
  readonly path: string
}

/** A request of a case, with the route it must match and the captures it must yield. */
export interface Probe {
  readonly method: string
  readonly path: string
  /** The pattern that must answer, or `null` for a miss. */
  readonly route: string | null
  readonly params: Readonly<Record<string, string>>
}

/** A named case: one or several probes timed together. */
export interface Case {
  readonly name: string
  readonly probes: readonly Probe[]
}

/** A route set with its cases. */
export interface RouteSet {
  readonly name: string
  readonly routes: readonly RouteDef[]
  readonly cases: readonly Case[]
}

const probe = (
  method: string,
  path: string,
  route: string | null,
  params: Record<string, string> = {},
): Probe => ({ method, path, route, params })

// Hono's router benchmark (benchmarks/routers in honojs/hono): twelve routes, seven requests.
const honoRoutes: RouteDef[] = [
  'GET /user',
  'GET /user/comments',
  'GET /user/avatar',
  'GET /user/lookup/username/:username',
  'GET /user/lookup/email/:address',
  'GET /event/:id',
  'GET /event/:id/comments',
  'POST /event/:id/comment',
  'GET /map/:location/events',
  'GET /status',
  'GET /very/deeply/nested/route/hello/there',
  'GET /static/*path',
].map(def)

const seven: Probe[] = [
  probe('GET', '/user', '/user'),
  probe('GET', '/user/comments', '/user/comments'),
  probe('GET', '/user/lookup/username/hey', '/user/lookup/username/:username', {
    username: 'hey',
  }),
  probe('GET', '/event/abcd1234/comments', '/event/:id/comments', { id: 'abcd1234' }),
  probe('POST', '/event/abcd1234/comment', '/event/:id/comment', { id: 'abcd1234' }),
  probe('GET', '/very/deeply/nested/route/hello/there', '/very/deeply/nested/route/hello/there'),
  probe('GET', '/static/index.html', '/static/*path', { path: 'index.html' }),
]

const honoNames = [
  'short static',
  'static with same radix',
  'dynamic route',
  'mixed static dynamic',
  'post',
  'long static',
  'wildcard',
]

/** Hono's router-benchmark set: its seven cases, "all together" (the seven), and a 404 miss. */
export const honoSet: RouteSet = {
  name: "Hono's router benchmark (12 routes)",
  routes: honoRoutes,
  cases: [
    ...seven.map((p, i) => ({ name: honoNames[i]!, probes: [p] })),
    { name: '404 miss', probes: [probe('GET', '/user/lookup/phone/123', null)] },
    { name: 'all together (the seven)', probes: seven },
  ],
}

export function def(line: string): RouteDef {
  const i = line.indexOf(' ')
  return { method: line.slice(0, i), path: line.slice(i + 1) }
}
