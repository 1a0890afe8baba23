import { afterAll, describe, expect, it } from 'vitest'
import { ApiCreatePost, ApiPost, app, homeLinks } from './app.js'

afterAll(() => app.close())

describe('the demo', () => {
  it('home page links are exactly the hrefs of its kinds', async () => {
    const html = await (await app.request('/')).text()
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&#38;', '&'))
    expect(links).toEqual(homeLinks.map(([k, v]) => app.href(k, v as never)))
  })

  it.each(homeLinks.map(([k, v, label]) => [label, k, v] as const))(
    '"%s" routes back to its own kind',
    async (_l, k, v) => {
      const href = app.href(k, v as never)
      const matched = app.routes().filter((r) => r.kind === k)
      expect(matched).toHaveLength(1)
      const res = await app.request(href)
      expect(res.status).toBe(200)
      // Decoding the href with the kind gives back the very value the link was made from.
      const url = new URL(href, 'http://x')
      const segs = url.pathname.split('/').slice(1).map(decodeURIComponent)
      expect(k.decode({ method: 'GET', path: segs, query: url.searchParams })).toEqual({
        outcome: 'match',
        value: v,
      })
    },
  )

  it('creates a post through the JSON API and links to it', async () => {
    const res = await app.request(app.href(ApiCreatePost), {
      method: 'POST',
      body: JSON.stringify({ title: 'New', tags: ['x'] }),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(201)
    const post = await res.json()
    expect(res.headers.get('location')).toBe(app.href(ApiPost, { id: post.id }))
    expect(await (await app.request(res.headers.get('location')!)).json()).toMatchObject({
      title: 'New',
    })
  })

  it('answers a bad body with a problem naming the issue', async () => {
    const res = await app.request('/api/posts', {
      method: 'POST',
      body: JSON.stringify({ title: '' }),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})
