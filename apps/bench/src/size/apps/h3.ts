// The same app on h3's core class (H3, with its rou3 router), from the platform-neutral entry.
import { getQuery, H3 } from 'h3/generic'

export default new H3()
  .use(async (_event, next) => {
    const res = await next()
    return res
  })
  .get('/', () => 'see /posts/1')
  .get('/posts', (e) => ({ page: Number(getQuery(e).page ?? 1), items: [] }))
  .get('/posts/:id', (e) => ({ id: Number(e.context.params?.id) }))
  .put('/posts/:id', (e) => ({ updated: Number(e.context.params?.id) }))
  .get('/files/**:path', (e) => String(e.context.params?.path))
  .get('/users/:name', (e) => `hello ${e.context.params?.name}`)
