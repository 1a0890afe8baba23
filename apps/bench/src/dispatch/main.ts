import { header } from '../lib/env.js'
import { compare } from '../lib/measure.js'
import { bodyOf, appProbes } from '../lib/routes-app.js'
import { type Row, table } from '../lib/table.js'
import { type App, apps } from './apps.js'

const ORIGIN = 'http://localhost'

async function check(app: App): Promise<string | undefined> {
  if (app.name.startsWith('bare')) return undefined
  for (const p of appProbes) {
    const res = await app.fetch(new Request(ORIGIN + p.path, { method: p.method }))
    const body = await res.text()
    const want = bodyOf(Object.values(p.params))
    if (res.status !== 200 || body !== want) {
      return `wrong answer for ${p.method} ${p.path}: ${res.status} ${JSON.stringify(body)}`
    }
  }
  const miss = await app.fetch(new Request(`${ORIGIN}/user/lookup/phone/123`))
  if (miss.status !== 404) return `a miss answered ${miss.status}`
  return undefined
}

const list = apps()
const urls = appProbes.map((p) => ORIGIN + p.path)
const inits = appProbes.map((p) => ({ method: p.method }))
const wrong = new Map<string, string>()
const fns = new Map<string, () => Promise<void>>()
for (const app of list) {
  const w = await check(app)
  if (w) {
    wrong.set(app.name, w)
    continue
  }
  const fetch = app.fetch
  fns.set(app.name, async () => {
    for (let i = 0; i < urls.length; i++) await fetch(new Request(urls[i]!, inits[i]))
  })
}
const times = await compare(fns, true)
const rows: Row[] = list.map((app) => {
  const ns = times.get(app.name)
  if (ns === undefined)
    return { name: app.name, ours: app.ours, value: undefined, note: wrong.get(app.name) }
  process.stderr.write(`  dispatch / ${app.name}: ${ns.toFixed(0)} ns per seven\n`)
  return {
    name: app.name,
    ours: app.ours,
    // Requests per second over the seven requests of one op.
    value: (1e9 / ns) * appProbes.length,
    cells: [(ns / appProbes.length).toFixed(0), app.note ?? ''],
  }
})
// The baseline has no routing: it is the floor, not a peer to beat.
const peerRows = rows.map((r) => (r.name.startsWith('bare') ? { ...r, ours: true } : r))
console.log(
  [
    header('2. In-process dispatch', ['hono', 'h3', 'itty-router']),
    "`await app.fetch(new Request(url, { method }))` over the seven requests of Hono's router " +
      'benchmark (12 routes); each handler answers its captures (checked before timing, with a 404 ' +
      'for a miss). The bare handler is the floor and is left out of "best peer".',
    '',
    table(peerRows, {
      unit: 'requests/s',
      lowerIsBetter: false,
      extra: ['ns per request', 'notes'],
    }),
    '',
  ].join('\n'),
)
