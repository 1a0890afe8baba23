import { defineKind, int, type Kind, KindEncodeError, kind, list, optional, str } from '@ferry/kind'
import { accepting, createRouter, HttpError, produces } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'
import { ClientError } from './client-error.js'

const Post = kind('GET /posts/:id', { id: int })
const Search = kind('GET /search', { query: { q: str, tag: list(str) } })
const Create = kind('POST /posts')
const Ping = kind('GET /ping')

const json = { ...accepting(['application/json']), parse: async (r: Request) => r.json() }
const app = createRouter()
  .route(Post, (c) => {
    if (c.params.id === 404) throw new HttpError(404, { detail: 'no post 404' })
    return { id: c.params.id }
  })
  .route(Search, (c) => c.params)
  .route(Create, { body: json }, (c) => c.json(c.body, { status: 201 }))
  .route(Ping, () => undefined)
const api = createClient({
  baseUrl: 'https://example.com/api/',
  fetch: (r) => app.fetch(r, undefined, { basePath: '/api' }),
})

describe('createClient', () => {
  it('builds URLs from kinds under the base path', () => {
    expect(api.url(Post, { id: 7 })).toBe('https://example.com/api/posts/7')
    expect(api.url(Search, { q: 'a b', tag: ['x', 'y'] })).toBe(
      'https://example.com/api/search?q=a+b&tag=x&tag=y',
    )
  })

  it('round-trips typed values through a Ferry app', async () => {
    expect(await api.json(Post, { id: 7 })).toEqual({ id: 7 })
    expect(await api.json(Search, { q: '100% & more', tag: ['ü'] })).toEqual({
      q: '100% & more',
      tag: ['ü'],
    })
    expect(await api.json(Ping)).toBeUndefined()
  })

  it('sends JSON bodies with the kind method', async () => {
    const res = await api.fetch(Create, {}, { json: { title: 'x' } })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ title: 'x' })
  })

  it('streams a ReadableStream body (fetch needs duplex "half" for it)', async () => {
    const bytes = new TextEncoder().encode('{"title":"streamed"}')
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 5))
        c.enqueue(bytes.subarray(5))
        c.close()
      },
    })
    const res = await api.fetch(
      Create,
      {},
      { body, headers: { 'content-type': 'application/json' } },
    )
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ title: 'streamed' })
  })

  it('throws ClientError carrying the problem for a non-2xx answer', async () => {
    const err = (await api.json(Post, { id: 404 }).catch((e: unknown) => e)) as ClientError
    expect(err).toBeInstanceOf(ClientError)
    expect(err.status).toBe(404)
    expect(err.problem).toMatchObject({ detail: 'no post 404', status: 404 })
    expect(err.message).toContain('no post 404')
  })

  it.each([
    ['https://example.com//', 'https://example.com/evil.example'],
    ['https://example.com//api/', 'https://example.com//api/evil.example'],
    ['https://example.com/api//', 'https://example.com/api/evil.example'],
  ])('keeps requests on the origin of %s, however many slashes its path has', (baseUrl, url) => {
    // "//evil.example" resolved against an origin is a network-path reference: another host, which
    // would receive the client's default headers (credentials included).
    const Page = kind('GET /:page')
    expect(createClient({ baseUrl }).url(Page, { page: 'evil.example' })).toBe(url)
  })

  it.each([['localhost:3000'], ['file:///srv/api'], ['data:,x']])(
    'refuses at creation a baseUrl without an origin to send to: %s',
    (baseUrl) => {
      // 'localhost:3000' parses as scheme "localhost:"; every call would fail with "Invalid URL".
      expect(() => createClient({ baseUrl })).toThrow(/has no origin/)
    },
  )

  it('names the method and URL in a ClientError, also when the Response has no url (in-process)', async () => {
    const err = await api.json(Post, { id: 404 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ClientError)
    expect((err as ClientError).message).toBe(
      'GET https://example.com/api/posts/404 answered 404: no post 404',
    )
  })

  it.each([['null'], ['[1]'], ['"oops"'], ['{bad json']])(
    'throws ClientError without a problem for a JSON error body that is no object: %s',
    async (text) => {
      const c = createClient({
        baseUrl: 'https://example.com',
        fetch: async () =>
          new Response(text, { status: 500, headers: { 'content-type': 'application/json' } }),
      })
      const err = (await c.json(Ping).catch((e: unknown) => e)) as ClientError
      expect(err).toBeInstanceOf(ClientError)
      expect(err.problem).toBeUndefined()
      expect(err.message).toBe('GET https://example.com/ping answered 500')
    },
  )

  it('json() asks for JSON, so a route that also produces HTML answers JSON', async () => {
    const Page = kind('GET /page')
    const seen: (string | null)[] = []
    const site = createRouter().route(
      Page,
      { produces: produces('text/html', 'application/json') },
      (c) =>
        c.request.headers.get('accept')?.startsWith('application/json')
          ? { page: 1 }
          : c.html('<p>page 1</p>'),
    )
    const client = createClient({
      baseUrl: 'https://example.com',
      fetch: (r) => {
        seen.push(r.headers.get('accept'))
        return site.fetch(r)
      },
    })
    expect(await client.json(Page)).toEqual({ page: 1 })
    // An Accept the caller gives is kept, and fetch() adds none.
    await expect(
      client.json(Page, undefined, { headers: { accept: 'text/html' } }),
    ).rejects.toThrow(SyntaxError)
    await client.fetch(Page)
    expect(seen).toEqual([
      'application/json, application/problem+json, */*;q=0.1',
      'text/html',
      null,
    ])
  })

  it('refuses json and body together', async () => {
    await expect(api.fetch(Create, {}, { json: {}, body: 'x' })).rejects.toThrow(
      /either json or body/,
    )
  })

  it('rejects a value the kind cannot encode before any request, never throwing synchronously', async () => {
    // `api.fetch(...).catch(handle)` must see the error: a synchronous throw would escape it.
    let sent = 0
    const c = createClient({
      baseUrl: 'https://example.com',
      fetch: async () => {
        sent++
        return new Response(null, { status: 204 })
      },
    })
    const bad = { id: 1.5 }
    const caught = await c.fetch(Post, bad).catch((e: unknown) => e)
    expect(caught).toBeInstanceOf(KindEncodeError)
    await expect(c.json(Post, bad)).rejects.toThrow(KindEncodeError)
    expect(() => c.url(Post, bad)).toThrow(KindEncodeError)
    expect(sent).toBe(0)
  })
})

describe('a base path with a prefix', () => {
  const Home = kind('GET /', { query: { tab: optional(str) } })
  const Tree = kind('GET /*path')
  const Dir = defineKind<{}>({
    name: 'dir',
    rootIs: 'dir',
    encode: () => ({ path: [''] }),
    decode: () => ({}),
  })
  const app = createRouter()
    .mount(
      '/admin',
      createRouter().route(Home, (c) => c.params),
    )
    .mount(
      '/files',
      createRouter().route(Tree, (c) => c.params),
    )
    .mount(
      '/docs',
      createRouter().route(Dir, () => ({})),
    )

  it.each([
    ['the root pattern', '/admin', Home, {}],
    ['the root pattern with a query', '/admin', Home, { tab: 'a b' }],
    ['an empty rest at the root', '/files', Tree, { path: [] }],
    ['a rest with a trailing slash', '/files', Tree, { path: ['a', ''] }],
    ["a custom kind whose root is a 'dir'", '/docs', Dir, {}],
  ] as [string, string, Kind, object][])(
    'links %s under %s as a router does, answered without a redirect',
    async (_name, prefix, k, v) => {
      // A kind's root under a prefix is the prefix itself, or prefix/ for rootIs 'dir' (Kind.rootIs).
      const c = createClient({
        baseUrl: `https://example.com${prefix}/`,
        fetch: (r) => app.fetch(r),
      })
      expect(c.url(k, v)).toBe(`https://example.com${app.href(k, v as never)}`)
      expect(await c.json(k, v as never)).toEqual(v)
    },
  )
})
