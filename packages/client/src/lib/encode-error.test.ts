import {
  defineKind,
  int,
  KindEncodeError,
  kind,
  list,
  oneOf,
  optional,
  rest,
  str,
} from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'

const Post = kind('GET /posts/:id', {
  id: int,
  query: { rev: optional(int), tag: list(oneOf('a', 'b')) },
})
const Page = kind('GET /pages/:slug', { slug: str })
const Files = kind('GET /files/*path', { path: rest })
const Year = defineKind<{ y: number }>({
  name: 'year',
  encode: ({ y }) => ({ path: [int.encode(y)] }),
  decode: () => undefined,
})

describe('a value a kind cannot encode', () => {
  let sent = 0
  const api = createClient({
    baseUrl: 'https://example.com',
    fetch: async () => {
      sent++
      return new Response(null, { status: 204 })
    },
  })

  it.each([
    ['a capture', Post, { id: 1.5 }, /^GET \/posts\/:id: parameter "id": int cannot encode 1\.5/],
    [
      'a query value',
      Post,
      { id: 1, rev: 'x' },
      /^GET \/posts\/:id: query parameter "rev": int cannot/,
    ],
    [
      'a list item',
      Post,
      { id: 1, tag: ['c'] },
      /^GET \/posts\/:id: query parameter "tag": "c" is not one of a, b/,
    ],
    ['a rest capture', Files, { path: ['..'] }, /^GET \/files\/\*path: parameter "path": .*"\.\."/],
    [
      'a capture no URL can carry',
      Page,
      { slug: '\uD800' },
      /^GET \/pages\/:slug: parameter "slug": .*not well-formed/,
    ],
    ['a missing capture', Post, {}, /^GET \/posts\/:id: missing parameter "id"/],
    ['a custom kind', Year, { y: 0.5 }, /^year: int cannot encode 0\.5/],
  ] as const)('names the kind and the key for %s, before any request', async (_, k, v, message) => {
    const err = await api.fetch(k, v as never).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KindEncodeError)
    expect((err as Error).message).toMatch(message)
    // The codec's own error stays reachable.
    expect((err as Error).cause).toBeInstanceOf(KindEncodeError)
    await expect(api.json(k, v as never)).rejects.toThrow(message)
    expect(() => api.url(k, v as never)).toThrow(message)
    expect(sent).toBe(0)
  })
})
