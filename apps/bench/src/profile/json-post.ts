// In-process POST /json echo: Ferry (json() body spec) against Hono, same loop, for profiling.
import { ferryApp, honoApp } from '../http/apps.js'

const body = '{"hello":"world","n":[1,2,3],"nested":{"ok":true}}'
const apps = { ferry: ferryApp().fetch, hono: honoApp().fetch }
const only = process.argv[2]
for (let round = 0; round < 3; round++) {
  for (const [name, fetch] of Object.entries(apps)) {
    if (only && name !== only) continue
    const t0 = performance.now()
    let n = 0
    while (performance.now() - t0 < 700) {
      const res = await fetch(
        new Request('http://localhost/json', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        }),
      )
      await res.text()
      n++
    }
    console.log(round, name, (((performance.now() - t0) * 1000) / n).toFixed(1), 'us/req')
  }
}
