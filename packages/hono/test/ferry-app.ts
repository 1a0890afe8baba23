import { int, kind } from '@ferry/kind'
import { accepting, type BodySpec, createRouter } from '@ferry/router'

/** The bindings the test Ferry app reads from Hono. */
export interface Bindings {
  readonly GREETING: string
}

export const Post = kind('GET /posts/:id', { id: int })
export const CreatePost = kind('POST /posts')
export const Echo = kind('POST /echo')
export const Later = kind('GET /later')
export const Address = kind('GET /address')

/** A JSON body spec without @ferry/body, so the tests depend on the router only. */
const json: BodySpec<unknown> = {
  ...accepting(['application/json']),
  parse: (request) => request.json(),
}

/**
 * `createFerryApp(done)` is the Ferry app the tests embed: typed links, a JSON body route (for 415),
 * a streaming echo, and a route that defers work with `waitUntil`, which resolves `done`.
 */
export function createFerryApp(done: (value: string) => void = () => {}) {
  return createRouter<{ env: Bindings }>()
    .route(Post, (c) =>
      c.json({
        id: c.params.id,
        link: c.href(Post, { id: c.params.id + 1 }),
        greeting: c.env.GREETING,
      }),
    )
    .route(CreatePost, { body: json }, (c) => c.json({ created: c.body }, { status: 201 }))
    .route(Echo, (c) => c.respond(c.request.body, { headers: { 'content-type': 'text/plain' } }))
    .route(Later, (c) => {
      c.waitUntil(Promise.resolve().then(() => done(`deferred for ${c.env.GREETING}`)))
      return 'accepted'
    })
    .route(Address, (c) => ({ address: c.remoteAddress ?? null }))
}
