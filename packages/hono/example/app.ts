// A Hono app that adopts Ferry for its /api routes. Ferry's kinds make the links; what Ferry does
// not route (/api/legacy) still reaches the Hono route registered after it.
import { toHono } from '@ferry/hono'
import { int, kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { logger } from 'hono/logger'

/** The bindings: a Workers `vars` entry, or whatever the Node entry passes as `env`. */
export interface Bindings {
  readonly GREETING?: string
}

const Posts = kind('GET /posts')
const Post = kind('GET /posts/:id', { id: int })
const Visit = kind('POST /visits')
const Visits = kind('GET /visits')
const Echo = kind('POST /echo')

let visits = 0

/** The Ferry part: typed URLs, `c.env` typed from the Hono bindings. */
export const api = createRouter<{ env: Bindings }>()
  .route(Posts, (c) => ({ posts: [1, 2, 3].map((id) => c.href(Post, { id })) }))
  .route(Post, (c) => ({
    id: c.params.id,
    self: c.href(Post, { id: c.params.id }),
    greeting: c.env?.GREETING ?? 'hello',
  }))
  .route(Visit, (c) => {
    // Counted after the answer is sent: the runtime keeps the work alive through waitUntil.
    c.waitUntil(Promise.resolve().then(() => visits++))
    return c.json({ counting: true }, { status: 202 })
  })
  .route(Visits, () => ({ visits }))
  .route(Echo, (c) => c.respond(c.request.body, { headers: { 'content-type': 'text/plain' } }))

/** The Hono app: its own routes and middleware, with Ferry under /api. */
export const app = new Hono<{ Bindings: Bindings }>()
  .use(logger())
  .get('/', (c) => c.text('Hono at the root, Ferry under /api (try /api/posts)'))
  .use('/api/*', cors())
  .use('/api/*', toHono<{ Bindings: Bindings }>(api))
  .get('/api/legacy', (c) => c.json({ from: 'hono' }))
