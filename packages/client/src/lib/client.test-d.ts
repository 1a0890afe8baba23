import { defineKind, int, kind, list, optional, str } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { describe, expectTypeOf, it } from 'vitest'
import { createClient } from './client.js'

describe('client types', () => {
  const Post = kind('GET /posts/:id', { id: int, query: { rev: optional(int) } })
  const CreatePost = kind('POST /posts')
  type PostBody = { id: number; title: string }
  const api = createClient({ baseUrl: 'https://example.com' })

  it('checks the value against the kind', () => {
    api.url(Post, { id: 7, rev: 2 })
    // @ts-expect-error id is a number
    api.fetch(Post, { id: '7' })
    // @ts-expect-error a kind with parameters needs a value
    api.json(Post)
    api.fetch(CreatePost)
    api.fetch(CreatePost, {}, { json: { title: 'Hello' } })
    // @ts-expect-error options in the value's place would send no body
    api.fetch(CreatePost, { json: { title: 'Hello' } })
  })

  it('types json() by the annotation of its result, still checking the value', async () => {
    const post: PostBody = await api.json(Post, { id: 7 })
    expectTypeOf(post).toEqualTypeOf<PostBody>()
    // @ts-expect-error id is a number
    const bad: PostBody = await api.json(Post, { id: '7' })
    void bad
    expectTypeOf(api.json(Post, { id: 7 })).toEqualTypeOf<Promise<unknown>>()
  })

  it('checks keys, list and rest values, custom kinds and the options', () => {
    const Tagged = kind('GET /t/:id', { id: int, query: { tag: list(str) } })
    const Files = kind('GET /files/*path')
    const Year = defineKind<{ y: number }>({
      name: 'year',
      encode: ({ y }) => ({ path: [String(y)] }),
      decode: () => undefined,
    })
    // A list key may be left out: the URL leaves an empty list out anyway.
    api.url(Tagged, { id: 1 })
    api.url(Tagged, { id: 1, tag: ['a'] })
    // @ts-expect-error a list takes an array
    api.url(Tagged, { id: 1, tag: 'a' })
    // @ts-expect-error a key the kind does not have
    api.url(Tagged, { id: 1, page: 2 })
    api.url(Files, { path: ['a', 'b'] })
    // @ts-expect-error a rest capture takes the segments
    api.url(Files, { path: 'a/b' })
    api.url(Year, { y: 2026 })
    // @ts-expect-error a custom kind's value
    api.url(Year, {})
    // @ts-expect-error the method is the kind's
    api.fetch(Post, { id: 7 }, { method: 'DELETE' })
    api.fetch(Post, { id: 7 }, { headers: { 'x-a': 'b' }, signal: AbortSignal.timeout(1000) })
  })

  it("takes a Ferry app's fetch and the global fetch", () => {
    const app = createRouter().route(Post, (c) => c.params)
    createClient({ baseUrl: 'https://example.com', fetch: app.fetch })
    createClient({ baseUrl: 'https://example.com', fetch })
  })
})
