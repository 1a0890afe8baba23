import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'

const Head = kind('HEAD /status')
const Reset = kind('POST /reset')
const app = createRouter()
  .route(Head, () => new Response(null, { headers: { 'x-up': 'yes' } }))
  .route(Reset, () => new Response(null, { status: 205 }))

describe('json() on an answer that has no content by definition', () => {
  const api = createClient({ baseUrl: 'https://example.com', fetch: app.fetch })

  it('is undefined for HEAD (RFC 9110 §9.3.2) and 205 Reset Content (§15.3.6)', async () => {
    expect(await api.json(Head)).toBeUndefined()
    expect(await api.json(Reset)).toBeUndefined()
    expect((await api.fetch(Head)).headers.get('x-up')).toBe('yes')
  })
})

describe('json() on a 2xx answer that is not JSON', () => {
  // An HTML fallback page where an API answer was expected (a SPA host, a captive portal).
  const Page = kind('GET /page')
  const html = createRouter().route(Page, (c) => c.html('<!doctype html><p>app</p>'))
  const api = createClient({
    baseUrl: 'https://example.com/api',
    fetch: (r) => html.fetch(r, undefined, { basePath: '/api' }),
  })

  it('rejects with a SyntaxError naming the request, the status and the Content-Type', async () => {
    const err = await api.json(Page).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SyntaxError)
    expect((err as Error).message).toMatch(
      /^GET https:\/\/example\.com\/api\/page answered 200 text\/html; charset=utf-8, not JSON: /,
    )
    expect((err as Error).cause).toBeInstanceOf(SyntaxError)
  })
})
