// Group 6, start: the wall time from spawning a fresh server process to its first correct HTTP
// answer, for Ferry, Hono and the raw server on Node, Bun, Deno and workerd. Bounded: every spawn
// has a timeout, the whole group a time budget, and every child is killed (see child.ts).
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { header } from '../lib/env.js'
import { median, quantile } from '../lib/stats.js'
import { type Row, table } from '../lib/table.js'
import { killAll } from './child.js'
import {
  binOf,
  bundleOf,
  type Contender,
  contenders,
  type StartRuntime,
  workerdConfig,
} from './contenders.js'
import { type Spawned, spawnOnce } from './measure.js'

const RUNS = Number(process.env.BENCH_START_RUNS ?? 15)
const BUDGET_MS = Number(process.env.BENCH_START_BUDGET_S ?? 420) * 1000
const TIMEOUT_MS = 10_000
const INTERVAL_MS = Number(process.env.BENCH_START_POLL_MS ?? 1)
const wantedRuntimes = process.env.BENCH_START_RUNTIMES?.split(',')

/** The mean CPU ms of the runs (a mean: each reading is whole 10 ms clock ticks). */
function cpuCell(xs: readonly number[]): string {
  const ok = xs.filter((x) => !Number.isNaN(x))
  return ok.length === 0 ? '' : `${Math.round(ok.reduce((a, b) => a + b, 0) / ok.length)}`
}

interface Result {
  readonly times: number[]
  readonly cpu: number[]
  readonly errors: string[]
  wrong?: string
}

function versionOf(rt: StartRuntime, bin: string): string {
  if (rt === 'node') return process.versions.node
  try {
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim()
    return out.split('\n')[0]!.replace(/^(deno|workerd)\s+/, '')
  } catch {
    return '?'
  }
}

const chosen = contenders.filter(
  (c) => wantedRuntimes === undefined || wantedRuntimes.includes(c.runtime),
)
const runnable = chosen.filter((c) => binOf(c.runtime) !== undefined && existsSync(bundleOf(c)))
const configs = new Map<Contender, string>(
  runnable.filter((c) => c.runtime === 'workerd').map((c) => [c, workerdConfig(c)]),
)
const results = new Map<Contender, Result>(
  runnable.map((c) => [c, { times: [], cpu: [], errors: [] }]),
)
const spawn = (c: Contender): Promise<Spawned> =>
  spawnOnce(c, { config: configs.get(c), timeoutMs: TIMEOUT_MS, intervalMs: INTERVAL_MS })

let rounds = 0
try {
  // Warm-up and check: one spawn of each (not timed) brings the binaries and bundles into the page
  // cache and proves each contender answers the probe correctly; one that does not is not timed.
  // A failure to start gets a second try (another process may have taken the free port); a
  // wrong answer does not.
  for (const c of runnable) {
    let r = await spawn(c)
    if ('error' in r && r.wrong !== true) r = await spawn(c)
    if ('error' in r) results.get(c)!.wrong = r.error
  }
  const timed = runnable.filter((c) => results.get(c)!.wrong === undefined)
  const started = performance.now()
  // Interleaved rounds in a rotating order, so that load from other processes on the shared
  // machine falls on every contender alike.
  for (; rounds < RUNS && performance.now() - started < BUDGET_MS; rounds++) {
    for (let k = 0; k < timed.length; k++) {
      const c = timed[(k + rounds) % timed.length]!
      const r = await spawn(c)
      const into = results.get(c)!
      if ('ms' in r) {
        into.times.push(r.ms)
        into.cpu.push(r.cpuMs)
      } else into.errors.push(r.error)
      // Let the killed process's teardown finish before the next spawn starts.
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    process.stderr.write(`  start: round ${rounds + 1}/${RUNS}\n`)
  }
} finally {
  killAll()
}

const bins = new Map(
  (['node', 'bun', 'deno', 'workerd'] as const).map((rt) => [rt, binOf(rt)] as const),
)
const versions = [...bins]
  .filter(([rt, bin]) => bin !== undefined && chosen.some((c) => c.runtime === rt))
  .map(([rt, bin]) => `${rt} ${versionOf(rt, bin!)}`)
  .join(', ')
const out: string[] = [
  header('6. Start: process spawn to first response', ['hono', '@hono/node-server'], versions),
  'Each contender is a fresh process serving the six-route app (the raw server only the probed ' +
    'route) on a free 127.0.0.1 port, bundled alone by esbuild (scripts/build.mjs, @ferry/* from ' +
    'source, not minified). The time runs from just before `spawn()` to the end of the first ' +
    'correct answer to `GET /users/<fresh token>` on a new connection, polled every ' +
    `${INTERVAL_MS} ms while the port refuses; then the process group is killed and awaited. ` +
    'Children get only PATH and HOME (no NODE_OPTIONS or NODE_EXTRA_CA_CERTS) and run under ' +
    'timeout(1), which bounds their life. ' +
    `${rounds} interleaved rounds in a rotating order after one untimed warm-up spawn each; ` +
    'processes are not pinned (runtimes start on several threads). "CPU ms" is the server ' +
    "process's user + system time at its first answer (/proc, 10 ms ticks), which depends less " +
    'on the load of the shared machine than wall time. Ratios: above 1 is faster.',
  '',
]
for (const rt of ['node', 'bun', 'deno', 'workerd'] as const) {
  const group = chosen.filter((c) => c.runtime === rt)
  if (group.length === 0) continue
  const raw = group.find((c) => c.id === 'raw')
  const hono = group.find((c) => c.id === 'hono')
  const med = (c: Contender | undefined) => {
    const r = c && results.get(c)
    return r && r.times.length > 0 ? median(r.times) : undefined
  }
  const rawMs = med(raw)
  const honoMs = med(hono)
  const rows: Row[] = group.map((c) => {
    const r = results.get(c)
    const size = existsSync(bundleOf(c)) ? statSync(bundleOf(c)).size : undefined
    const kib = size === undefined ? '' : `${(size / 1024).toFixed(1)}`
    if (r === undefined || r.times.length === 0) {
      const why =
        r?.wrong ??
        r?.errors[0] ??
        (binOf(rt) === undefined ? `${rt} not installed` : 'bundle missing')
      return { name: c.name, ours: c.ours, value: undefined, note: why }
    }
    const ms = median(r.times)
    return {
      name: c.name,
      ours: c.ours,
      value: ms,
      cells: [
        `${quantile(r.times, 0.9).toFixed(1)}`,
        `${Math.min(...r.times).toFixed(1)}`,
        cpuCell(r.cpu),
        rawMs === undefined ? '' : `${(rawMs / ms).toFixed(2)}x`,
        rawMs === undefined ? '' : `${ms - rawMs >= 0 ? '+' : ''}${(ms - rawMs).toFixed(1)}`,
        honoMs === undefined ? '' : `${(honoMs / ms).toFixed(2)}x`,
        `${r.times.length}/${r.times.length + r.errors.length}`,
        kib,
        [c.note, r.errors.length > 0 ? `failed: ${r.errors[0]}` : undefined]
          .filter(Boolean)
          .join('; '),
      ],
    }
  })
  out.push(
    `### ${rt}`,
    '',
    table(rows, {
      unit: 'median ms',
      lowerIsBetter: true,
      extra: [
        'p90 ms',
        'min ms',
        'CPU ms (mean)',
        'vs raw',
        'ms over raw',
        'vs hono',
        'ok',
        'bundle KiB',
        'notes',
      ],
    }),
    '',
  )
}
console.log(out.join('\n'))
