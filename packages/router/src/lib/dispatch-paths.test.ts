import fc from 'fast-check'
import { defineKind, int, type Kind, kind, optional, rest, str } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { accepting } from './accepting.js'
import { produces } from './produces.js'
import { createRouter as createNodeRouter } from './node-router.js'
import { createRouter, type Router } from './router.js'
import type { RouteOptions } from './compile.js'
import type { BodySpec, Context, ExecutionContext, Guard } from './types.js'

// Apps per property: enough to keep the shortcuts honest on every run, small enough for the whole
// file to take about 2 s (raised locally to some thousands, these found nothing more).
const RUNS = 25

const textBody: BodySpec<string> = { ...accepting(['text/plain']), parse: (r) => r.text() }

// The route pool: every shortcut of dispatch has routes here that take it (static table, raw
// walk, plain, direct) and routes beside them that the general path must weigh.
const POOL = [
  () => kind('GET /'),
  () => kind('GET /a'),
  () => kind('GET /a/'),
  () => kind('GET /a/b'),
  () => kind('POST /a/b'),
  () => kind('GET /a/:x', { x: str }),
  () => kind('GET /a/:n', { n: int }),
  () => kind('PUT /a/:x', { x: str }),
  () => kind('GET /a/:x/c', { x: str }),
  () => kind('GET /f/*p'),
  () => kind('GET /*all'),
  () => kind('* /any/:x', { x: str }),
  () => kind(['GET', 'POST'], '/m/:x', { x: str }),
  () => kind('GET /files/new'),
  () => kind('GET /files/*p', { p: rest }),
  () => kind('GET /q/:x', { x: str, query: { n: optional(int) } }),
  () => kind('HEAD /h'),
  () => kind('GET /h'),
  () => kind('OPTIONS /o'),
  () => kind('GET /100%'),
  () => kind('GET /é'),
  () => kind('GET /a b'),
  () => kind('DELETE /a/:n', { n: int }),
  () => kind('patch /a/:x', { x: str }),
  () => kind('GET /g/:n', { n: int }),
  () => kind('GET /p/:x', { x: str }),
] as const
// Routes with steps that may fail (a guard, `produces`), by their place in the pool.
const OPTIONED: readonly [() => Kind, RouteOptions][] = [
  [() => kind('GET /g/:x', { x: str }), { guard: (c) => !c.request.headers.has('x-deny') }],
  [() => kind('GET /p/c'), { produces: produces('application/json') }],
  [() => kind('GET /p/:x', { x: str }), { produces: produces('text/csv') }],
]
const ROUTES: readonly [() => Kind, RouteOptions][] = [
  ...POOL.map((make): [() => Kind, RouteOptions] => [make, {}]),
  ...OPTIONED,
]
const BODY_ROUTE = () => kind('POST /b/:x', { x: str })

type Answer = 'text' | 'json' | 'none' | 'response' | 'bytes' | 'throw'

interface Spec {
  readonly routes: readonly { readonly i: number; readonly answer: Answer }[]
  readonly body: boolean
  readonly mount: boolean
  readonly mountLayer: boolean
  readonly notFound: boolean
  readonly trailingSlash: 'redirect' | 'strict' | 'lenient'
}

function handlerFor(name: string, answer: Answer) {
  return (c: Context<unknown, unknown, {}, unknown>) => {
    const said = {
      name,
      params: c.params,
      body: c.body ?? null,
      allow: c.allow ?? null,
      route: c.route?.name,
      // An embedding's field (ExecutionContext.vars), or a root layer's in the `vars` variants.
      who: (c as { who?: string }).who ?? null,
    }
    switch (answer) {
      case 'text':
        return JSON.stringify(said)
      case 'json':
        return said
      case 'none':
        return undefined
      case 'bytes':
        return new TextEncoder().encode(JSON.stringify(said))
      case 'throw':
        throw new Error('boom')
      case 'response':
        return new Response(JSON.stringify(said), {
          status: 201,
          headers: { 'x-route': name, 'content-type': 'text/x-said' },
        })
    }
  }
}

type Variant =
  | 'as-is'
  | 'layered'
  | 'guarded'
  | 'allow'
  | 'allow-guarded'
  | 'custom'
  | 'vars'
  | 'vars-layer'

// A custom kind that takes no request: with one, dispatch never stops at the first candidate
// (custom kinds are asked in `findPath`), so the app answers through the general path only.
const Nothing = defineKind<string>({
  name: 'nothing',
  encode: (v) => ({ path: ['nothing', v] }),
  decode: () => undefined,
})

// The app `spec` describes, changed in ways that DESIGN §3 says change no answer: `layered` adds
// a layer that only calls next (the app is not bare); `guarded` puts a guard that always passes
// first on every route (no route is plain or direct: `findPath` and `evaluate` answer); `custom`
// adds `Nothing`; `allow` adds a layer that reads `c.allow` before the route runs and says it;
// `vars-layer` has a root layer add the field `who` that `vars` apps get from the embedding.
function build(spec: Spec, variant: Variant, make = createRouter): Router<any, any> {
  const app = make({ trailingSlash: spec.trailingSlash })
  if (variant === 'layered') app.use((_c, next) => next())
  if (variant === 'vars-layer') app.use((_c, next) => next({ who: 'ada' }))
  if (variant === 'allow' || variant === 'allow-guarded')
    app.use(async (c, next) => {
      const allow = c.allow ?? 'any'
      const res = await next()
      try {
        res.headers.set('x-allow', allow)
      } catch {}
      return res
    })
  const guarded = variant === 'guarded' || variant === 'allow-guarded'
  const routes = (r: Router<any, any>, prefix: string) => {
    for (const { i, answer } of spec.routes) {
      const [make, own] = ROUTES[i]!
      const guard = guarded
        ? [() => true, ...(own.guard ? [own.guard as Guard<any>] : [])]
        : own.guard
      r.route(make(), { ...own, guard }, handlerFor(`${prefix}${i}`, answer))
    }
    if (spec.body) {
      r.route(
        BODY_ROUTE(),
        { guard: guarded ? () => true : undefined, body: textBody },
        handlerFor(`${prefix}body`, 'json'),
      )
    }
  }
  routes(app, '')
  if (variant === 'custom') app.route(Nothing, () => 'nothing')
  if (spec.mount) {
    const sub = createRouter()
    if (spec.mountLayer) sub.use((_c, next) => next())
    if (spec.notFound) sub.notFound((c) => `m2 notFound ${(c as { who?: string }).who}`)
    routes(sub, 'm2:')
    app.mount('/m2', sub)
  }
  app.onError(() => new Response('onError', { status: 500, headers: { 'x-on-error': '1' } }))
  if (spec.notFound) app.notFound((c) => `app notFound ${(c as { who?: string }).who}`)
  return app
}

const HEADERS = [
  'allow',
  'content-type',
  'content-length',
  'location',
  'vary',
  'x-route',
  'x-allow',
]

async function summary(res: Response) {
  const headers: Record<string, string | null> = {}
  for (const h of HEADERS) headers[h] = res.headers.get(h)
  return { status: res.status, headers, body: await res.text() }
}

interface Req {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly fragment: string
  readonly body: string | undefined
  readonly type: string | undefined
  readonly accept: string | undefined
  readonly deny: boolean
}

function toRequest(r: Req, base = 'http://localhost'): Request {
  const headers: Record<string, string> = {}
  if (r.type !== undefined) headers['content-type'] = r.type
  if (r.accept !== undefined) headers.accept = r.accept
  if (r.deny) headers['x-deny'] = '1'
  const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD'
  return new Request(`${base}${r.path}${r.query}${r.fragment}`, {
    method: r.method,
    headers,
    body: hasBody ? r.body : undefined,
  })
}

const spec: fc.Arbitrary<Spec> = fc.record({
  routes: fc.array(
    fc.record({
      i: fc.nat(ROUTES.length - 1),
      answer: fc.constantFrom<Answer>('text', 'json', 'none', 'response', 'bytes', 'throw'),
    }),
    { minLength: 4, maxLength: 16 },
  ),
  body: fc.boolean(),
  mount: fc.boolean(),
  mountLayer: fc.boolean(),
  notFound: fc.boolean(),
  trailingSlash: fc.constantFrom('redirect', 'strict', 'lenient'),
})

// Paths near the pool's patterns, then bent: a character escaped (either hex case), a '/' or '%'
// escaped into a segment, a malformed escape, the trailing slash flipped, under the mount.
const NEAR = [
  '/',
  '/a',
  '/a/',
  '/a/b',
  '/a/7',
  '/a/007',
  '/a/-1',
  '/a/x/c',
  '/f/x/y',
  '/f',
  '/f/',
  '/any/z',
  '/m/q',
  '/files/new',
  '/files/a/b',
  '/files/',
  '/q/1',
  '/h',
  '/o',
  '/100%25',
  '/%C3%A9',
  '/a%20b',
  '/g/7',
  '/g/x',
  '/p/c',
  '/p/x',
  '/b/x',
  '/zz',
  '//a',
  '/a//b',
  '/a/b/',
]

type Bend = 'none' | 'escape' | 'upper' | 'slash' | 'percent' | 'malformed' | 'flip' | 'mount'

function bend(path: string, how: Bend, at: number): string {
  const letters = [...path.matchAll(/[a-z0-9]/g)].map((m) => m.index)
  const i = letters.length === 0 ? -1 : letters[at % letters.length]!
  const hex = (ch: string, upper: boolean) => {
    const h = ch.charCodeAt(0).toString(16)
    return `%${upper ? h.toUpperCase() : h}`
  }
  switch (how) {
    case 'none':
      return path
    case 'escape':
    case 'upper':
      return i < 0 ? path : path.slice(0, i) + hex(path[i]!, how === 'upper') + path.slice(i + 1)
    case 'slash':
      return i < 0 ? path : `${path.slice(0, i)}%2F${path.slice(i)}`
    case 'percent':
      return i < 0 ? path : `${path.slice(0, i)}%25${path.slice(i)}`
    case 'malformed':
      return i < 0 ? `${path}%` : `${path.slice(0, i)}%${path.slice(i)}`
    case 'flip':
      return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : `${path}/`
    case 'mount':
      return path === '/' ? '/m2' : `/m2${path}`
  }
}

const request: fc.Arbitrary<Req> = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'FOO', 'patch'),
  path: fc
    .tuple(
      fc.constantFrom(...NEAR),
      fc.array(
        fc.tuple(
          fc.constantFrom<Bend>(
            'none',
            'escape',
            'upper',
            'slash',
            'percent',
            'malformed',
            'flip',
            'mount',
          ),
          fc.nat(20),
        ),
        { maxLength: 2 },
      ),
    )
    .map(([p, bends]) => bends.reduce((q, [how, at]) => bend(q, how, at), p)),
  query: fc.constantFrom('', '?n=1', '?n=x', '?n=%zz', '?a&b', '?n=01'),
  // `Request#url` keeps a fragment, which no answer may depend on.
  fragment: fc.constantFrom('', '', '', '#', '#f', '#f?n=x', '#/a/b', '#%zz'),
  body: fc.option(fc.constantFrom('hello', ''), { nil: undefined }),
  type: fc.option(fc.constantFrom('text/plain', 'application/json', 'bad'), { nil: undefined }),
  accept: fc.option(fc.constantFrom('text/csv', 'application/json', 'text/html'), {
    nil: undefined,
  }),
  deny: fc.boolean(),
})

describe('dispatch shortcuts answer as the general path does', () => {
  it.each<[Variant, Variant]>([
    ['as-is', 'layered'],
    ['as-is', 'guarded'],
    ['allow', 'allow-guarded'],
    ['as-is', 'custom'],
    ['vars', 'vars-layer'],
  ])('%s and %s', async (one, other) => {
    // The `vars` app is bare, so its plain routes take the shortest path, seeded before it.
    const ctx = (v: Variant) =>
      v === 'vars' ? ({ vars: { who: 'ada' } } as ExecutionContext) : undefined
    await fc.assert(
      fc.asyncProperty(
        spec,
        fc.array(request, { minLength: 1, maxLength: 12 }),
        async (s, reqs) => {
          const fast = build(s, one)
          const general = build(s, other)
          for (const r of reqs) {
            const a = await summary(await fast.fetch(toRequest(r), undefined, ctx(one)))
            const b = await summary(await general.fetch(toRequest(r), undefined, ctx(other)))
            expect(b, `${r.method} ${r.path}${r.query}${r.fragment}`).toEqual(a)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })
})

class OtherResponse extends Response {}

describe('the entry points answer alike', () => {
  const cases: [string, (app: Router<any, any>, r: Req) => Promise<Response>, boolean?][] = [
    [
      'request()',
      (app, r) => {
        const q = toRequest(r)
        return app.request(`${r.path}${r.query}${r.fragment}`, {
          method: q.method,
          headers: q.headers,
          body: q.body,
          duplex: 'half',
        } as RequestInit)
      },
    ],
    [
      'an embedding basePath',
      (app, r) =>
        app.fetch(toRequest(r, 'http://localhost/api'), undefined, {
          basePath: '/api',
        } as ExecutionContext),
    ],
    [
      'a basePath with a trailing slash',
      (app, r) =>
        app.fetch(toRequest(r, 'http://localhost/api'), undefined, {
          basePath: '/api/',
        } as ExecutionContext),
    ],
    [
      'ctx.Response',
      (app, r) =>
        app.fetch(toRequest(r), undefined, {
          Response: OtherResponse,
        } as unknown as ExecutionContext),
    ],
    ['the Node entry', (app, r) => app.fetch(toRequest(r)), true],
  ]
  it.each(cases)('fetch, and %s', async (_name, other, node) => {
    await fc.assert(
      fc.asyncProperty(
        spec,
        fc.array(request, { minLength: 1, maxLength: 12 }),
        async (s, reqs) => {
          const app = build(s, 'as-is')
          const app2 = node ? build(s, 'as-is', createNodeRouter) : app
          for (const r of reqs) {
            const a = await summary(await app.fetch(toRequest(r)))
            const b = await summary(await other(app2, r))
            if (b.headers.location?.startsWith('/api/'))
              b.headers.location = b.headers.location.slice(4)
            expect(b, `${r.method} ${r.path}${r.query}${r.fragment}`).toEqual(a)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })
})

// `s` with the unreserved character at `at` (counted over those outside escapes) percent-encoded.
function escapeOne(s: string, at: number, upper: boolean): string {
  const spots: number[] = []
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') i += 2
    else if (/[A-Za-z0-9]/.test(s[i]!)) spots.push(i)
  }
  if (spots.length === 0) return s
  const i = spots[at % spots.length]!
  const h = s.charCodeAt(i).toString(16)
  return `${s.slice(0, i)}%${upper ? h.toUpperCase() : h}${s.slice(i + 1)}`
}

describe('an unreserved character answers the same escaped', () => {
  it.each([
    ['in the path', 'path'],
    ['in the query', 'query'],
  ] as const)('%s', async (_name, where) => {
    await fc.assert(
      fc.asyncProperty(
        spec,
        fc.array(fc.tuple(request, fc.nat(20), fc.boolean()), { minLength: 1, maxLength: 12 }),
        async (s, reqs) => {
          const app = build(s, 'as-is')
          for (const [r, at, upper] of reqs) {
            const e = { ...r, [where]: escapeOne(r[where], at, upper) }
            const a = await summary(await app.fetch(toRequest(r)))
            const b = await summary(await app.fetch(toRequest(e)))
            // A redirect keeps the query as sent.
            if (where === 'query')
              for (const x of [a, b]) x.headers.location = x.headers.location?.split('?')[0] ?? null
            expect(b, `${r.method} ${r.path}${r.query} and ${e.path}${e.query}`).toEqual(a)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })
})
