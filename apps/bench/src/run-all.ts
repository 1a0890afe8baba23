// `pnpm bench`: every group in turn, each in its own process (so one group's JIT state and heap do
// not colour the next), printed and recorded in RESULTS.md. `run-all.js <group...>` runs some.
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { benchDir, machine, runtimeBin } from './lib/env.js'

interface Group {
  readonly name: string
  readonly cmd: string
  readonly args: readonly string[]
  /** Minutes after which the group is killed. */
  readonly limit: number
}

const dist = (f: string) => join(benchDir, 'dist', f)
const groups: Group[] = [
  { name: 'router', cmd: process.execPath, args: [dist('router.js')], limit: 10 },
  { name: 'router-bun', cmd: runtimeBin('bun'), args: [dist('router.js')], limit: 10 },
  {
    name: 'router-deno',
    cmd: runtimeBin('deno'),
    args: ['run', '-A', dist('router.js')],
    limit: 10,
  },
  { name: 'dispatch', cmd: process.execPath, args: [dist('dispatch.js')], limit: 5 },
  { name: 'dispatch-bun', cmd: runtimeBin('bun'), args: [dist('dispatch.js')], limit: 5 },
  {
    name: 'dispatch-deno',
    cmd: runtimeBin('deno'),
    args: ['run', '-A', dist('dispatch.js')],
    limit: 5,
  },
  { name: 'http', cmd: process.execPath, args: [dist('http.js')], limit: 20 },
  { name: 'size', cmd: process.execPath, args: [dist('size.js')], limit: 2 },
  { name: 'bodies', cmd: process.execPath, args: ['--expose-gc', dist('bodies.js')], limit: 15 },
  // Spawns servers on Node, Bun, Deno and workerd itself; its own budget ends it well before this.
  { name: 'start', cmd: process.execPath, args: [dist('start.js')], limit: 10 },
]

const wanted = process.argv.slice(2)
const chosen = groups.filter((g) =>
  wanted.length === 0 ? true : wanted.some((w) => g.name === w || g.name.startsWith(`${w}-`)),
)
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
const parts: string[] = [
  '# Ferry benchmark results',
  '',
  `Run of ${new Date().toISOString()} on ${machine()}; load average at start ${load()}.`,
  'Produced by `pnpm bench` (apps/bench/src/run-all.ts); see apps/bench/README.md for method.',
  '',
]
for (const g of chosen) {
  const script = g.args.find((a) => a.endsWith('.js'))!
  if (!existsSync(script) || !existsSync(g.cmd)) {
    const why = `${g.name}: skipped (${existsSync(g.cmd) ? script : g.cmd} not found)`
    console.log(why)
    parts.push(`_${why}_`, '')
    continue
  }
  process.stderr.write(`== ${g.name}\n`)
  const r = spawnSync(g.cmd, g.args, {
    cwd: benchDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: g.limit * 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
  })
  const text =
    r.status === 0
      ? r.stdout
      : `${r.stdout}\n_${g.name} failed: ${r.error?.message ?? `exit ${r.status ?? r.signal}`}_\n`
  console.log(text)
  parts.push(text)
}
parts.push(`Load average at the end: ${load()}.`, '')
// Only a full run replaces the recorded results.
if (wanted.length === 0) writeFileSync(join(benchDir, 'RESULTS.md'), parts.join('\n'))
