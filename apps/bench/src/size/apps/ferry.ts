// A typical small app (the start group serves it too): six routes with typed captures and a
// query, JSON and text answers, a not-found handler and one layer.
import { int, kind, optional, rest, str } from '@ferry/kind'
import { createRouter } from '@ferry/router'

const Home = kind('GET /')
const Posts = kind('GET /posts', { query: { page: optional(int, 1) } })
const Post = kind('GET /posts/:id', { id: int })
const EditPost = kind('PUT /posts/:id', { id: int })
const Files = kind('GET /files/*path', { path: rest })
const User = kind('GET /users/:name', { name: str })

export default createRouter()
  .use(async (_c, next) => {
    const res = await next()
    res.headers.set('x-powered-by', 'ferry')
    return res
  })
  .route(Home, (c) => c.text(`see ${c.href(Post, { id: 1 })}`))
  .route(Posts, (c) => ({ page: c.params.page, items: [] }))
  .route(Post, (c) => c.json({ id: c.params.id }))
  .route(EditPost, (c) => ({ updated: c.params.id }))
  .route(Files, (c) => c.params.path.join('/'))
  .route(User, (c) => `hello ${c.params.name}`)
  .notFound(() => new Response('nothing here', { status: 404 }))
