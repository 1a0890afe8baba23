// `node summarize.mjs <file.cpuprofile> [bundle.js] [n]`: where the non-idle time goes. Self time
// per function (with file:line), top n; with the esbuild bundle given, also per source module,
// found from the `// path/to/module.ts` markers esbuild writes before each module.
import { readFileSync } from 'node:fs'

const [file, bundle, count] = process.argv.slice(2)
const n = Number(count ?? 30)
const prof = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(prof.nodes.map((x) => [x.id, x]))
const markers = []
if (bundle) {
  const lines = readFileSync(bundle, 'utf8').split('\n')
  lines.forEach((l, i) => {
    const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(l)
    if (m)
      markers.push([
        i + 1,
        m[1]
          .replace(/^(\.\.\/)+/, '')
          .replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, ''),
      ])
  })
}
const moduleOf = (url, line) => {
  if (!bundle || !url.endsWith(bundle.split('/').pop())) {
    if (url.startsWith('node:')) return 'node internals'
    return url === '' ? '(vm)' : url
  }
  let lo = 0
  let hi = markers.length - 1
  let best = '(bundle prelude)'
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (markers[mid][0] <= line) {
      best = markers[mid][1]
      lo = mid + 1
    } else hi = mid - 1
  }
  return best
}
const self = new Map()
const mods = new Map()
let total = 0
for (let i = 0; i < prof.samples.length; i++) {
  const cf = byId.get(prof.samples[i]).callFrame
  const dt = prof.timeDeltas[i] ?? 0
  if (cf.functionName === '(idle)') continue
  total += dt
  const line = cf.lineNumber + 1
  const mod = moduleOf(cf.url, line)
  const key = `${cf.functionName || '(anon)'}  ${mod}${cf.url.startsWith('node:') ? ` ${cf.url}` : ''}:${line}`
  self.set(key, (self.get(key) ?? 0) + dt)
  mods.set(mod, (mods.get(mod) ?? 0) + dt)
}
const pct = (v) => `${((100 * v) / total).toFixed(1).padStart(5)}%`
console.log(`non-idle time: ${(total / 1e6).toFixed(2)} s\n\nby module:`)
for (const [k, v] of [...mods].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`${pct(v)}  ${k}`)
console.log('\nby function (self time):')
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n))
  console.log(`${pct(v)}  ${k}`)
