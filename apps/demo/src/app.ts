// The Ferry showcase: one app, every link made with href, a small typed JSON API.
// It runs unchanged on Node (src/node.ts), Bun, Deno and Cloudflare Workers.
import { json } from '@ferry/body'
import { int, type Kind, kind, list, oneOf, optional, str } from '@ferry/kind'
import { compress } from '@ferry/middleware/compress'
import { cookies } from '@ferry/middleware/cookies'
import { cors } from '@ferry/middleware/cors'
import { secureHeaders } from '@ferry/middleware/secure-headers'
import { createRouter, HttpError, produces } from '@ferry/router'
import * as v from 'valibot'

/** The kinds: each is both the route and the link maker. */
export const Home = kind('GET /')
export const PostPage = kind('GET /posts/:id', { id: int })
export const TagPage = kind('GET /tags/:tag', {
  tag: str,
  query: { page: optional(int, 1), sort: optional(oneOf('new', 'top'), 'new') },
})
export const DocFile = kind('GET /docs/*path')
export const ApiPosts = kind('GET /api/posts', { query: { tag: list(str) } })
export const ApiPost = kind('GET /api/posts/:id', { id: int })
export const ApiCreatePost = kind('POST /api/posts')
export const Visits = kind('GET /visits')

const PostInput = v.object({
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  tags: v.optional(v.array(v.pipe(v.string(), v.maxLength(40))), []),
})

interface Post {
  id: number
  title: string
  tags: string[]
}

/** An in-memory store, provided as a resource so `app.close()` disposes it. */
function openStore() {
  const posts = new Map<number, Post>([
    [1, { id: 1, title: 'Hello, Ferry', tags: ['intro'] }],
    [2, { id: 2, title: 'URL kinds / codecs & you', tags: ['intro', 'kinds'] }],
  ])
  return {
    all: () => [...posts.values()],
    get: (id: number) => posts.get(id),
    add(input: { title: string; tags: string[] }) {
      const post = { id: posts.size + 1, ...input }
      posts.set(post.id, post)
      return post
    },
    clear: () => posts.clear(),
  }
}

/** The links of the home page: each kind with a value. The demo's test follows every one. */
export const homeLinks: readonly [Kind<any>, unknown, string][] = [
  [PostPage, { id: 1 }, 'The first post'],
  [PostPage, { id: 2 }, 'The second post'],
  [TagPage, { tag: 'intro', page: 1, sort: 'new' }, 'Posts tagged "intro"'],
  [
    TagPage,
    { tag: 'c++ & rust/zig', page: 2, sort: 'top' },
    'A tag with awkward characters, page 2',
  ],
  [DocFile, { path: ['guide', 'url kinds.md'] }, 'A document under /docs'],
  [ApiPosts, { tag: ['intro', 'kinds'] }, 'The JSON API: posts tagged intro and kinds'],
  [ApiPost, { id: 2 }, 'The JSON API: one post'],
  [Visits, {}, 'A signed-cookie visit counter'],
]

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

export const app = createRouter()
  .use(secureHeaders())
  .use(cors({ origin: [], development: true }))
  .use(compress())
  .use(cookies({ secrets: 'demo-secret-demo-secret-demo-secret!!' }))
  .provide('store', openStore, (s) => s.clear())
  .route(Home, (c) => {
    const items = homeLinks
      .map(
        ([k, value, label]) =>
          `<li><a href="${escapeHtml(c.href(k, value))}">${escapeHtml(label)}</a></li>`,
      )
      .join('\n')
    return c.html(
      `<!doctype html><title>Ferry demo</title><h1>Ferry demo</h1><ul>\n${items}\n</ul>`,
    )
  })
  .route(PostPage, (c) => {
    const post = c.store.get(c.params.id)
    if (!post) throw new HttpError(404, { detail: `no post ${c.params.id}` })
    const tags = post.tags.map(
      (tag) =>
        `<a href="${escapeHtml(c.href(TagPage, { tag, page: 1, sort: 'new' }))}">${escapeHtml(tag)}</a>`,
    )
    return c.html(
      `<h1>${escapeHtml(post.title)}</h1><p>${tags.join(' ')}</p><a href="${c.href(Home)}">home</a>`,
    )
  })
  .route(TagPage, (c) => {
    const { tag, page, sort } = c.params
    const posts = c.store.all().filter((p) => p.tags.includes(tag))
    const next = c.href(TagPage, { tag, page: page + 1, sort })
    return c.html(
      `<h1>Tag ${escapeHtml(tag)} (page ${page}, ${sort})</h1><p>${posts.length} posts</p><a href="${escapeHtml(next)}">next</a>`,
    )
  })
  .route(DocFile, (c) => c.text(`document ${c.params.path.join(' / ')}`))
  .route(ApiPosts, { produces: produces('application/json') }, (c) => {
    const tags = c.params.tag
    return c.store.all().filter((p) => tags.every((t) => p.tags.includes(t)))
  })
  .route(ApiPost, { produces: produces('application/json') }, (c) => {
    const post = c.store.get(c.params.id)
    if (!post) throw new HttpError(404, { detail: `no post ${c.params.id}` })
    return { ...post, href: c.href(PostPage, { id: post.id }) }
  })
  .route(ApiCreatePost, { body: json(PostInput), produces: produces('application/json') }, (c) => {
    const post = c.store.add(c.body)
    return c.json(post, { status: 201, headers: { location: c.href(ApiPost, { id: post.id }) } })
  })
  .route(Visits, async (c) => {
    const n = Number((await c.cookies.getSigned('visits')) ?? '0') + 1
    await c.cookies.setSigned('visits', String(n), { maxAge: 86_400, secure: false })
    return `visit number ${n}`
  })
