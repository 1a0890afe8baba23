import { int, KindEncodeError, kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createRouter } from './router.js'
import { UnroutedKindError } from './unrouted-kind-error.js'

const User = kind('GET /users/:id', { id: int })
const Home = kind('GET /')
const Elsewhere = kind('GET /elsewhere')

// What `f` threw (the test fails when it returns).
function thrown(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

describe('an href for a kind the app does not route', () => {
  const admin = createRouter().route(User, () => 'user')
  const app = createRouter()
    .route(Home, () => 'home')
    .mount('/admin', admin)

  it('throws an UnroutedKindError naming the kind', () => {
    const e = thrown(() => app.href(Elsewhere))
    expect(e).toBeInstanceOf(UnroutedKindError)
    // Like ShadowedHrefError: a value with no URL in this app.
    expect(e).toBeInstanceOf(KindEncodeError)
    expect(e).toMatchObject({ name: 'UnroutedKindError', kind: Elsewhere })
    expect((e as Error).message).toBe(
      'kind "GET /elsewhere" is not routed by this router or one mounted in it',
    )
  })

  it("links a mounted router's kinds under its prefix, and the parent's not from it alone", () => {
    expect(app.href(User, { id: 3 })).toBe('/admin/users/3')
    // Served alone, the mounted router routes its own kinds, at its own root.
    expect(admin.href(User, { id: 3 })).toBe('/users/3')
    expect(thrown(() => admin.href(Home))).toBeInstanceOf(UnroutedKindError)
  })

  it('throws the same from c.href, c.url and c.redirect, as the handler’s error', async () => {
    const seen: unknown[] = []
    const links = createRouter()
      .route(kind('GET /:how'), (c) => {
        if (c.params.how === 'url') return c.url(Elsewhere)
        if (c.params.how === 'redirect') return c.redirect(Elsewhere, {})
        return c.href(Elsewhere)
      })
      .onError((e) => {
        seen.push(e)
        return new Response(String(e), { status: 500 })
      })
    for (const how of ['href', 'url', 'redirect']) {
      const res = await links.request(`/${how}`)
      expect([res.status, await res.text()]).toEqual([
        500,
        'UnroutedKindError: kind "GET /elsewhere" is not routed by this router or one mounted in it',
      ])
    }
    expect(seen).toHaveLength(3)
  })
})
