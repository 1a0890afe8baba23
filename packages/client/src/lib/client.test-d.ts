import { int, kind, optional } from '@ferry/kind'
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
})
