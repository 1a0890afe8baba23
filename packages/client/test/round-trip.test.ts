// The client and a Ferry app agree on every URL, fuzzed: for random values of kinds with problem
// characters, client.url is the base plus the app's href (also for a mounted router), and the app
// (its own matcher, not the kind's decode) hands the handler the same value. Seeded and bounded.
import { createClient } from '@ferry/client'
import { date, int, type Kind, kind, list, optional, str } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const PIECES = [
  ...['/', '?', '#', '%', '+', '&', '=', ';', ' ', '.', '..', '\0', '\t', '\x7f', '\\', '~'],
  ...['%2F', '%2f', '%25', '%2525', 'é', 'e\u0301', '😀', '"', '<', '`', '{', '|', '[', "'", '@'],
  ...['a', 'Z', '0', '-'],
]
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((a) => a.join(''))
const capture = text.filter((s) => s !== '' && s !== '.' && s !== '..')
const segment = text.filter((s) => s !== '.' && s !== '..')
const day = fc.integer({ min: -719_528, max: 2_932_896 }).map((d) => new Date(d * 86_400_000))

const Item = kind('GET /s/:s/n/:n', { n: int, query: { q: optional(str), l: list(str) } })
const Files = kind('GET /f/*path')
const Odd = kind('GET /100%/café/a b/:x/', { query: { at: optional(date) } })
const Create = kind('POST /c/:s')
// Mounted: its client's base path is the mount, and its root is the mount prefix itself.
const Tree = kind('GET /*path', { query: { v: optional(int) } })

const app = createRouter()
  .route(Item, (c) => c.params)
  .route(Files, (c) => c.params)
  .route(Odd, (c) => c.params)
  .route(Create, (c) => ({ ...c.params, method: c.request.method }))
  .mount(
    '/m',
    createRouter().route(Tree, (c) => c.params),
  )

const fetchApi = (r: Request) => app.fetch(r, undefined, { basePath: '/api' })
const api = createClient({ baseUrl: 'http://test/api/', fetch: fetchApi })
const mounted = createClient({ baseUrl: 'http://test/api/m', fetch: fetchApi })

const cases = fc.oneof(
  fc
    .record({ s: capture, n: fc.maxSafeInteger(), l: fc.array(text, { maxLength: 3 }) })
    .chain((v) =>
      fc
        .option(text, { nil: undefined })
        .map((q) => [Item, q === undefined ? v : { ...v, q }] as const),
    ),
  fc.array(segment, { maxLength: 4 }).map((path) => [Files, { path }] as const),
  fc
    .tuple(capture, fc.option(day, { nil: undefined }))
    .map(([x, at]) => [Odd, at === undefined ? { x } : { x, at }] as const),
  capture.map((s) => [Create, { s }] as const),
  fc
    .tuple(fc.array(segment, { maxLength: 3 }), fc.option(fc.maxSafeInteger(), { nil: undefined }))
    // At the root, [''] has no URL and a leading '' would name a host (decision 002).
    .filter(([path]) => path[0] !== '')
    .map(([path, v]) => [Tree, v === undefined ? { path } : { path, v }] as const),
)

describe('client and app agree (seeded fuzz)', () => {
  it('client.url is the base plus href, and the app decodes the value the client encoded', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ([k, v]) => {
        const client = k === Tree ? mounted : api
        const href = app.href(k as Kind, v as never)
        if (k !== Tree) expect(href).toBe((k as Kind).href(v))
        expect(client.url(k as Kind, v as never)).toBe(`http://test/api${href}`)
        const got = await client.json<Record<string, unknown>>(k as Kind, v as never)
        // The handler answers JSON, where a Date is its ISO string.
        const expected: Record<string, unknown> = JSON.parse(JSON.stringify(v))
        if (k === Create) expected.method = 'POST'
        if (k === Item) expected.l ??= []
        expect(got).toEqual(expected)
      }),
      { seed: 20_261_121, numRuns: 300 },
    )
  })
})
