import { defineKind, int, KindEncodeError, type Kind, kind, patternOf, str } from '@ferry/kind'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compile } from './compile.js'
import { HttpError } from './http-error.js'
import { createRouter, type Router } from './router.js'
import { checkHref } from './shadow.js'

// What `f` threw (the test fails when it returns).
function thrown(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

// What the app serves at `url`: each handler answers with its route's name.
async function servedBy(app: Router<any, any>, url: string, init?: RequestInit): Promise<string> {
  return (await app.request(url, init)).text()
}

const Id = kind('GET /posts/:id', { id: int })
const Slug = kind('GET /posts/:slug', { slug: str })

describe('an href that another route takes first', () => {
  const app = createRouter()
    .route(Id, (c) => c.route!.name)
    .route(Slug, (c) => c.route!.name)

  it('throws, naming both routes, instead of linking to the other route', async () => {
    // The URL `href` would give: `:id` serves it, not `:slug`.
    expect(await servedBy(app, '/posts/7')).toBe('GET /posts/:id')
    const e = thrown(() => app.href(Slug, { slug: '7' }))
    expect(e).toBeInstanceOf(KindEncodeError)
    expect(e).toMatchObject({
      name: 'ShadowedHrefError',
      href: '/posts/7',
      route: { name: 'GET /posts/:slug' },
      by: { name: 'GET /posts/:id', path: '/posts/:id' },
    })
    expect((e as Error).message).toBe(
      '/posts/7 is the href of "GET /posts/:slug", but "GET /posts/:id" (/posts/:id) takes it first',
    )
  })

  it('gives the href of every value the other route leaves alone', async () => {
    expect(app.href(Slug, { slug: 'hello' })).toBe('/posts/hello')
    expect(await servedBy(app, '/posts/hello')).toBe('GET /posts/:slug')
    // The route that comes first is never shadowed by the later one.
    expect(app.href(Id, { id: 7 })).toBe('/posts/7')
  })

  it('throws from c.href, c.url and c.redirect in a handler too', async () => {
    const seen: unknown[] = []
    const withLinks = createRouter()
      .route(Id, () => 'id')
      .route(kind('GET /go/:to'), (c) => {
        const to = { slug: c.params.to }
        return { href: c.href(Slug, to), url: c.url(Slug, to), redirect: c.redirect(Slug, to) }
      })
      .route(Slug, () => 'slug')
      .onError((e) => {
        seen.push(e)
        return new Response('refused', { status: 500 })
      })
    expect((await withLinks.request('/go/a')).status).toBe(200)
    expect((await withLinks.request('/go/7')).status).toBe(500)
    expect(seen).toEqual([expect.objectContaining({ name: 'ShadowedHrefError' })])
  })

  it('throws for a rest value that a static route takes, whatever the order of routes', () => {
    const Files = kind('GET /files/*path')
    const New = kind('GET /files/new')
    const files = createRouter()
      .route(Files, () => 'files')
      .route(New, () => 'new')
    expect(thrown(() => files.href(Files, { path: ['new'] }))).toMatchObject({
      route: { name: 'GET /files/*path' },
      by: { name: 'GET /files/new' },
    })
    expect(files.href(Files, { path: ['new', 'x'] })).toBe('/files/new/x')
    expect(files.href(Files, { path: [] })).toBe('/files')
  })

  it('throws across mounts: a sub-router link the parent serves', async () => {
    const Page = kind('GET /:page')
    const Settings = kind('GET /admin/settings')
    const site = createRouter()
      .route(Settings, () => 'settings')
      .mount(
        '/admin',
        createRouter().route(Page, () => 'page'),
      )
    expect(await servedBy(site, '/admin/settings')).toBe('settings')
    expect(thrown(() => site.href(Page, { page: 'settings' }))).toMatchObject({
      href: '/admin/settings',
      by: { path: '/admin/settings' },
    })
    expect(site.href(Page, { page: 'users' })).toBe('/admin/users')
  })

  it('throws for a custom kind whose URL a pattern route takes', () => {
    const Tagged = defineKind<string>({
      name: 'tagged',
      methods: ['GET'],
      encode: (t) => ({ path: ['tags', t] }),
      decode: (b) => (b.path.length === 2 && b.path[0] === 'tags' ? b.path[1] : undefined),
    })
    const tags = createRouter()
      .route(Tagged, () => 'custom')
      .route(kind('GET /tags/new'), () => 'new')
    expect(thrown(() => tags.href(Tagged, 'new'))).toMatchObject({ by: { name: 'GET /tags/new' } })
    expect(tags.href(Tagged, 'rust')).toBe('/tags/rust')
  })
})

describe('an href whose URL another route may take, but does not', () => {
  // A guard may refuse the request: the next route then answers it (DESIGN §3, the best answer
  // over all candidates). So may a body spec or `produces`, by the request's headers.
  it.each([
    ['refusing it', () => false],
    [
      'throwing an HttpError',
      () => {
        throw new HttpError(401)
      },
    ],
  ])(
    'gives the href when the first route has a guard %s, as the later one serves it',
    async (_n, guard) => {
      const app = createRouter()
        .route(Id, { guard }, () => 'id')
        .route(Slug, () => 'slug')
      expect(app.href(Slug, { slug: '7' })).toBe('/posts/7')
      expect(await servedBy(app, '/posts/7')).toBe('slug')
    },
  )

  it('gives the href when the first route refuses its query (a 400 the later route beats)', async () => {
    const Search = kind('GET /posts/:id', { id: int, query: { q: str } })
    const app = createRouter()
      .route(Search, () => 'search')
      .route(Slug, () => 'slug')
    expect(app.href(Slug, { slug: '7' })).toBe('/posts/7')
    expect(await servedBy(app, '/posts/7')).toBe('slug')
    expect(await servedBy(app, '/posts/7?q=x')).toBe('search')
  })

  it('gives the href when the first route answers other methods only', async () => {
    const app = createRouter()
      .route(kind('POST /posts/:id', { id: int }), () => 'post')
      .route(Slug, () => 'slug')
    expect(app.href(Slug, { slug: '7' })).toBe('/posts/7')
    expect(await servedBy(app, '/posts/7')).toBe('slug')
  })
})

describe('the kinds whose hrefs are checked', () => {
  // Only a kind that may overlap another route has its hrefs matched against the routes: for the
  // others an href costs one map lookup more.
  const New = kind('GET /posts/new')
  const Edit = kind('PUT /posts/:id', { id: int })
  const Files = kind('GET /files/*path')
  const Guarded = kind('GET /files/secret')
  const Page = kind('GET /pages/:n/', { n: int })
  const Pages = kind('GET /pages/:n', { n: int })
  const Any = defineKind<string>({
    name: 'any',
    encode: (s) => ({ path: ['x', s] }),
    decode: (b) => b.path[1],
  })
  const app = createRouter()
    .route(Id, () => 'id')
    .route(Slug, () => 'slug')
    .route(New, () => 'new')
    .route(Edit, () => 'edit')
    .route(Files, () => 'files')
    .route(Guarded, { guard: () => true }, () => 'secret')
    .route(Page, () => 'page')
    .route(Pages, () => 'pages')
  const checked = (k: Kind, a: Router<any, any> = app) => {
    const compiled = compile(a.state, Response)
    const route = compiled.bindings.get(k)!
    // Asked for with no value of the kind's own: the answer is the kind's, cached.
    checkHref(compiled, route, '/')
    return compiled.overlaps.get(route)
  }

  it.each([
    // Each of these may take a URL of the others: whichever comes first, the href tells.
    [New.name, true, New],
    [Id.name, true, Id],
    [Slug.name, true, Slug],
    // PUT answers no GET.
    [Edit.name, false, Edit],
    // A guarded route may refuse the request, which then reaches the rest capture.
    [Files.name, false, Files],
    [Guarded.name, true, Guarded],
    // A trailing slash is a segment of its own, which no capture matches.
    [Page.name, false, Page],
    [Pages.name, false, Pages],
  ] as [string, boolean, Kind][])('%s: %s', (_name, expected, k) => {
    expect(checked(k)).toBe(expected)
  })

  it('a custom kind, when a route may take a path under its mount prefix', () => {
    const under = (prefix: string, route: Kind) =>
      createRouter()
        .route(route, () => 'route')
        .mount(
          prefix,
          createRouter().route(Any, () => 'any'),
        )
    expect(checked(Any, under('/posts', Id))).toBe(true)
    expect(checked(Any, under('/files', Id))).toBe(false)
    expect(checked(Any, under('/files/a', Files))).toBe(true)
  })
})

// Random small apps of overlapping routes (statics, int and str captures, rests, trailing
// slashes): whenever `href` gives a URL, a GET of it is served by the kind it came from.
describe('href routes back to its own kind (property)', () => {
  const part = fc.constantFrom('a', '7', ':int', ':str', '*rest')
  const patternArb = fc.tuple(fc.array(part, { maxLength: 3 }), fc.boolean())
  const text = fc.constantFrom('a', '7', 'b', '-1', '')

  function build([parts, trailing]: [string[], boolean]): Kind<any> {
    const spec: Record<string, unknown> = {}
    const out: string[] = []
    for (const [i, p] of parts.entries()) {
      if (p === '*rest') {
        out.push(`*r${i}`)
        break
      }
      if (p.startsWith(':')) spec[`c${i}`] = p === ':int' ? int : str
      out.push(p.startsWith(':') ? `:c${i}` : p)
    }
    const slash = trailing && out.length > 0 && !out.at(-1)!.startsWith('*') ? '/' : ''
    return kind(['GET'], `/${out.join('/')}${slash}` as string, spec as never)
  }

  // A value for every capture of `k`, read from `texts` in order.
  function valueFor(k: Kind<any>, texts: readonly string[]): Record<string, unknown> {
    const v: Record<string, unknown> = {}
    let t = 0
    for (const s of patternOf(k)!.segments) {
      if (s.type === 'rest') v[s.name] = texts.slice(t)
      else if (s.type === 'param') {
        const x = texts[t++] ?? 'a'
        v[s.name] = s.codec.name === 'int' ? (int.decode(x) ?? x.length) : x
      }
    }
    return v
  }

  it('for every value that gets an href', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(patternArb, { minLength: 2, maxLength: 5 }),
        fc.array(fc.array(text, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        async (patterns, samples) => {
          const kinds = patterns.map((p) => build(p))
          const app = createRouter()
          for (const [i, k] of kinds.entries()) app.route(k, () => String(i))
          for (const [i, k] of kinds.entries()) {
            for (const texts of samples) {
              let href: string
              try {
                href = app.href(k, valueFor(k, texts))
              } catch (e) {
                // No URL for the value (an empty capture), or another route takes it.
                if (e instanceof KindEncodeError) continue
                throw e
              }
              expect(await servedBy(app, href)).toBe(String(i))
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
