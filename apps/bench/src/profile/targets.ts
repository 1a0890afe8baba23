// `profile.js <first|first-github|matcher|dispatch|hono|body> [seconds]`: a hot loop of Ferry alone, for
// `node --cpu-prof`.
import { kind } from '@ferry/kind'
import { accepting, type BodySpec, createRouter } from '@ferry/router'
import { allowsMethod } from '@ferry/kind'
import { createMatcher } from '@ferry/router/matcher'
import { Hono } from 'hono'
import { githubSet } from '../router/github.js'
import { honoSet } from '../router/routes.js'
import { keep, kept } from '../lib/measure.js'

const what = process.argv[2] ?? 'matcher'
const seconds = Number(process.argv[3] ?? 5)
const probes = honoSet.cases.at(-1)!.probes
const urls = probes.map((p) => `http://localhost${p.path}`)
const end = performance.now() + seconds * 1000
let n = 0

if (what === 'first' || what === 'first-github') {
  // matchFirst as the router-match group times it: a fresh path string per call.
  const set = what === 'first' ? honoSet : githubSet
  const ps = set.cases.at(-1)!.probes
  const us = ps.map((p) => `http://localhost${p.path}`)
  const m = createMatcher<string>()
  for (const r of set.routes) m.add(kind(`${r.method} ${r.path}`), r.path)
  while (performance.now() < end) {
    for (let j = 0; j < 1000; j++) {
      for (let i = 0; i < us.length; i++) keep(m.matchFirst(ps[i]!.method, us[i]!.slice(16)))
    }
    n += 1000
  }
} else if (what === 'matcher') {
  const m = createMatcher<{ methods: readonly string[] }>()
  for (const r of honoSet.routes) {
    const k = kind(`${r.method} ${r.path}`)
    m.add(k, { methods: k.methods })
  }
  while (performance.now() < end) {
    for (let j = 0; j < 1000; j++) {
      for (let i = 0; i < urls.length; i++) {
        const found = m.match(urls[i]!.slice(16))!
        for (const c of found) if (allowsMethod(c.route.methods, probes[i]!.method)) keep(c)
      }
    }
    n += 1000
  }
} else if (what === 'hono') {
  // The same loop on Hono, to compare profiles.
  const app = new Hono()
  for (const r of honoSet.routes)
    app.on(r.method, r.path.replace(/\*\w+$/, '*'), (c) => c.text('ok'))
  const inits = probes.map((p) => ({ method: p.method }))
  while (performance.now() < end) {
    for (let j = 0; j < 100; j++) {
      for (let i = 0; i < urls.length; i++) keep(await app.fetch(new Request(urls[i]!, inits[i])))
    }
    n += 100
  }
} else if (what === 'body') {
  // The router's side of a body route: a JSON spec that only reads text, so the profile shows
  // steps 4-7 (Content-Type, the spec call, the handler) rather than a body parser.
  const spec: BodySpec<unknown> = {
    ...accepting(['application/json', '*/*+json']),
    parse: async (r) => JSON.parse(await r.text()),
  }
  const app = createRouter().route(
    kind('POST /json'),
    { body: spec },
    (c) => c.body as Record<string, unknown>,
  )
  const body = JSON.stringify({ a: 1, b: 'two', c: [1, 2, 3] })
  const init = { method: 'POST', body, headers: { 'content-type': 'application/json' } }
  while (performance.now() < end) {
    for (let j = 0; j < 100; j++) keep(await app.fetch(new Request('http://localhost/json', init)))
    n += 100
  }
} else {
  const app = createRouter()
  for (const r of honoSet.routes) app.route(kind(`${r.method} ${r.path}`), (c) => c.text('ok'))
  const inits = probes.map((p) => ({ method: p.method }))
  while (performance.now() < end) {
    for (let j = 0; j < 100; j++) {
      for (let i = 0; i < urls.length; i++) keep(await app.fetch(new Request(urls[i]!, inits[i])))
    }
    n += 100
  }
}
console.error(`${what}: ${n} rounds of ${probes.length}`, typeof kept())
