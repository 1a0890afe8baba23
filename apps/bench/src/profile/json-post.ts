// In-process POST /json echo, for profiling the body path: Ferry's json() spec against the same
// route reading `request.json()` itself, Hono, and the plain handler, in one loop. Requests carry
// their Content-Length and Ferry gets `framedBodies`, as behind the runtimes' servers.
// `json-post.js [name] [ms]` (bundle it like the bench entries; runs on Node, Bun and Deno).
import { json } from '@ferry/body'
import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { ferryApp, honoApp, plainFetch } from '../http/apps.js'

const body = '{"hello":"world","n":[1,2,3],"nested":{"ok":true}}'
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) }
const ctx = { waitUntil() {}, framedBodies: true }
const manual = createRouter().route(kind('POST /json'), async (c) => c.json(await c.request.json()))
const spec = createRouter().route(kind('POST /json'), { body: json() }, (c) => c.json(c.body))
const ferryHttp = ferryApp()
const hono = honoApp()
const apps: Record<string, (r: Request) => Promise<Response>> = {
  'ferry json()': (r) => spec.fetch(r, undefined, ctx),
  'ferry request.json()': (r) => manual.fetch(r, undefined, ctx),
  'ferry http app': (r) => ferryHttp.fetch(r, undefined, ctx),
  hono: async (r) => hono.fetch(r),
  plain: (r) => plainFetch(r),
}
const only = process.argv[2]
const ms = Number(process.argv[3] ?? 700)
for (let round = 0; round < 3; round++) {
  for (const [name, fetch] of Object.entries(apps)) {
    if (only && name !== only) continue
    const t0 = performance.now()
    let n = 0
    while (performance.now() - t0 < ms) {
      const res = await fetch(
        new Request('http://localhost/json', { method: 'POST', body, headers }),
      )
      await res.text()
      n++
    }
    console.log(round, name, (((performance.now() - t0) * 1000) / n).toFixed(2), 'us/req')
  }
}
