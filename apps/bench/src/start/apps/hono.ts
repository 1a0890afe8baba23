// The same six routes on Hono (its default export and router, as a Hono user writes them).
import { Hono } from 'hono'

/** The Hono app every Hono contender serves. */
export const honoApp = new Hono()
  .use(async (c, next) => {
    await next()
    c.res.headers.set('x-powered-by', 'hono')
  })
  .get('/', (c) => c.text('see /posts/1'))
  .get('/posts', (c) => c.json({ page: Number(c.req.query('page') ?? 1), items: [] }))
  .get('/posts/:id{[0-9]+}', (c) => c.json({ id: Number(c.req.param('id')) }))
  .put('/posts/:id{[0-9]+}', (c) => c.json({ updated: Number(c.req.param('id')) }))
  .get('/files/*', (c) => c.text(c.req.path.slice(7)))
  .get('/users/:name', (c) => c.text(`hello ${c.req.param('name')}`))
  .notFound((c) => c.text('nothing here', 404))
