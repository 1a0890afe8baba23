import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, header, runtimeBin, version } from '../lib/env.js'
import { processCpuMs } from '../lib/proc.js'
import { type Row, table } from '../lib/table.js'
import { findWrk, type LoadReport, runWrk, wrkVersion } from '../lib/wrk.js'
import { type Target, targets } from './servers.js'

// Bounded: every load run lasts SECONDS, and any child that outlives its budget is killed.
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5)
const CONNECTIONS = 50
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 2)
const JSON_BODY = '{"hello":"world","n":[1,2,3],"nested":{"ok":true}}'
// The load generator: wrk (C, Debian's `wrk` package) when it is on PATH, else autocannon (Node).
// On two cores autocannon saturates its own core before Bun or Deno saturate theirs, so their
// req/s would measure autocannon; wrk leaves the server the bottleneck. BENCH_HTTP_LOADGEN picks.
const WRK = process.env.BENCH_HTTP_LOADGEN === 'autocannon' ? undefined : findWrk()
if (process.env.BENCH_HTTP_LOADGEN === 'wrk' && !WRK)
  throw new Error('BENCH_HTTP_LOADGEN=wrk: no wrk on PATH')
const LOADGEN = WRK ? `wrk ${wrkVersion(WRK)}` : `autocannon ${version('autocannon')}`

interface Endpoint {
  readonly name: string
  readonly path: string
  readonly method: 'GET' | 'POST'
  readonly want: string
}

const allEndpoints: Endpoint[] = [
  { name: 'GET /', path: '/', method: 'GET', want: 'Hi' },
  { name: 'GET /id/:id?name=', path: '/id/42?name=ferry', method: 'GET', want: '42 ferry' },
  { name: 'POST /json (echo)', path: '/json', method: 'POST', want: JSON_BODY },
]
// BENCH_HTTP_ENDPOINTS=json (a substring of the names, comma-separated) runs only those endpoints.
const only = process.env.BENCH_HTTP_ENDPOINTS?.split(',').filter(Boolean)
const endpoints = only
  ? allEndpoints.filter((e) => only.some((o) => e.name.includes(o)))
  : allEndpoints

const hasTaskset = existsSync('/usr/bin/taskset')
const pinned = (cpu: number, cmd: string, args: string[]): [string, string[]] =>
  hasTaskset ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args]

function command(t: Target): [string, string[]] {
  const script = join(benchDir, 'dist', 'http-server.js')
  if (t.runtime === 'bun') return pinned(0, runtimeBin('bun'), [script, t.name])
  if (t.runtime === 'deno') return pinned(0, runtimeBin('deno'), ['run', '-A', script, t.name])
  return pinned(0, process.execPath, [script, t.name])
}

/** Starts a target in its own process on core 0; resolves with the process and its port. */
function start(t: Target): Promise<{ child: ChildProcess; port: number }> {
  const [cmd, args] = command(t)
  // Its own process group, so that stop() ends everything it started.
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop(child)
      reject(new Error(`${t.name} did not listen within 20 s`))
    }, 20_000)
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /port (\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, port: Number(m[1]) })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${t.name} exited with ${code}`))
    })
  })
}

/** Ends a server started by `start`, with every process in its group. */
function stop(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

async function check(port: number, e: Endpoint): Promise<string | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}${e.path}`, {
    method: e.method,
    headers: e.method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: e.method === 'POST' ? JSON_BODY : undefined,
    signal: AbortSignal.timeout(5000),
  })
  const body = await res.text()
  const ok = e.method === 'POST' ? safeEqualJson(body, e.want) : body === e.want
  return res.status === 200 && ok
    ? undefined
    : `${e.name} answered ${res.status} ${JSON.stringify(body)}`
}

function safeEqualJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b))
  } catch {
    return false
  }
}

interface Load {
  readonly rps: number
  readonly p99: number
  readonly errors: number
  /** Share of one core the server used during the run (from /proc), or NaN off Linux. */
  readonly cpu: number
  /**
   * Requests answered per CPU-second of the server: autocannon's total count over the server's
   * CPU time during the run. Not req/s divided by `cpu`, which mixes autocannon's per-second mean
   * with a wall time that includes its start-up (a large and varying share of a short run on a
   * loaded machine).
   */
  readonly perCpu: number
}

/** One bounded autocannon run on core 1 against `port`. */
function autocannon(port: number, e: Endpoint): Promise<LoadReport> {
  const args = [
    join(benchDir, 'node_modules', 'autocannon', 'autocannon.js'),
    '-c',
    String(CONNECTIONS),
    '-d',
    String(SECONDS),
    '-j',
    '-m',
    e.method,
  ]
  if (e.method === 'POST') args.push('-H', 'content-type=application/json', '-b', JSON_BODY)
  args.push(`http://127.0.0.1:${port}${e.path}`)
  const [cmd, a] = pinned(1, process.execPath, args)
  return new Promise((resolve, reject) => {
    execFile(cmd, a, { timeout: (SECONDS + 20) * 1000, maxBuffer: 16 << 20 }, (err, stdout) => {
      if (err) return reject(err)
      const r = JSON.parse(stdout)
      resolve({
        rps: r.requests.average,
        p99: r.latency.p99,
        total: r.requests.total,
        errors: r.errors + r.timeouts + r.non2xx,
      })
    })
  })
}

/** One bounded load run (wrk or autocannon, on core 1) against the server `s`. */
async function load(s: { child: ChildProcess; port: number }, e: Endpoint): Promise<Load> {
  const cpu0 = processCpuMs(s.child.pid) / 1000
  const t0 = performance.now()
  const r = WRK
    ? await runWrk(WRK, {
        url: `http://127.0.0.1:${s.port}${e.path}`,
        method: e.method,
        body: JSON_BODY,
        connections: CONNECTIONS,
        seconds: SECONDS,
        cpu: hasTaskset ? 1 : undefined,
      })
    : await autocannon(s.port, e)
  const used = processCpuMs(s.child.pid) / 1000 - cpu0
  return {
    cpu: used / ((performance.now() - t0) / 1000),
    perCpu: r.total / used,
    rps: r.rps,
    p99: r.p99,
    errors: r.errors,
  }
}

function runtimeAvailable(rt: Target['runtime']): boolean {
  if (process.env.BENCH_HTTP_RUNTIMES && !process.env.BENCH_HTTP_RUNTIMES.includes(rt)) return false
  return rt === 'node' || existsSync(runtimeBin(rt))
}

const out: string[] = [
  header('3. HTTP throughput over loopback', [
    'hono',
    '@hono/node-server',
    'h3',
    'srvx',
    '@whatwg-node/server',
    ...(WRK ? [] : ['autocannon']),
    'bun',
    'deno',
  ]),
  `Each server runs alone in its own process pinned to core 0; ${LOADGEN} (${WRK ? 'one thread, ' : ''}${CONNECTIONS} ` +
    `connections, ${SECONDS} s, HTTP/1.1 keep-alive) runs pinned to core 1. Answers are checked ` +
    `before the load. Every endpoint runs ${RUNS} times, interleaved across servers; req/s is the ` +
    'mean of the runs, p99 the worse run. "server CPU" is the share of a core the server process ' +
    'used during its runs: well under 100% means the load generator (on a shared machine) was the ' +
    'bottleneck, and "req per server CPU-s" (requests answered divided by the server\'s CPU time in the run) is then the fairer cost.',
  '',
]

for (const rt of ['node', 'bun', 'deno'] as const) {
  if (!runtimeAvailable(rt)) continue
  // BENCH_HTTP_TARGETS=ferry,hono (substrings of the names) runs only those servers; the first of
  // each runtime (raw) always runs, as the others are compared with it. Optional targets run only
  // when named.
  const names = process.env.BENCH_HTTP_TARGETS?.split(',').filter(Boolean)
  const group = targets.filter(
    (t, i, all) =>
      t.runtime === rt &&
      (names
        ? all.findIndex((x) => x.runtime === rt) === i || names.some((n) => t.name.includes(n))
        : !t.optional),
  )
  const live = new Map<string, { child: ChildProcess; port: number }>()
  const broken = new Map<string, string>()
  for (const t of group) {
    try {
      const s = await start(t)
      live.set(t.name, s)
      for (const e of endpoints) {
        const wrong = await check(s.port, e)
        if (wrong) broken.set(t.name, `${broken.get(t.name) ?? ''}${wrong}; `)
      }
    } catch (e) {
      broken.set(t.name, (e as Error).message)
    }
  }
  const results = new Map<string, Load[]>()
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const e of endpoints) {
        for (const t of group) {
          const s = live.get(t.name)
          if (!s || broken.has(t.name)) continue
          // Idle servers sit on core 0 too; each load run is alone on the wire.
          const r = await load(s, e)
          process.stderr.write(`  ${t.name} ${e.name} run ${run + 1}: ${Math.round(r.rps)} req/s\n`)
          const key = `${t.name}\0${e.name}`
          results.set(key, [...(results.get(key) ?? []), r])
        }
      }
    }
  } finally {
    for (const s of live.values()) stop(s.child)
  }
  for (const e of endpoints) {
    const rawName = group[0]!.name
    const hono = group.find((t) => t.name.startsWith('hono'))?.name
    const mean = (name: string) => {
      const r = results.get(`${name}\0${e.name}`)
      return r ? r.reduce((s, x) => s + x.rps, 0) / r.length : undefined
    }
    const raw = mean(rawName)
    const honoRps = hono ? mean(hono) : undefined
    const rows: Row[] = group.map((t) => {
      const r = results.get(`${t.name}\0${e.name}`)
      if (!r)
        return {
          name: t.name,
          ours: t.ours,
          value: undefined,
          note: broken.get(t.name) ?? 'not run',
        }
      const rps = mean(t.name)!
      const cpu = r.reduce((a, x) => a + x.cpu, 0) / r.length
      const perCpu = r.reduce((a, x) => a + x.perCpu, 0) / r.length
      return {
        name: t.name,
        ours: t.ours,
        value: rps,
        cells: [
          raw ? `${(rps / raw).toFixed(2)}x` : '',
          honoRps ? `${(rps / honoRps).toFixed(2)}x` : '',
          r.map((x) => Math.round(x.rps).toLocaleString('en-US')).join(' / '),
          `${Math.max(...r.map((x) => x.p99))} ms`,
          Number.isNaN(cpu) ? '' : `${Math.round(cpu * 100)}%`,
          Number.isNaN(perCpu) ? '' : Math.round(perCpu).toLocaleString('en-US'),
          String(r.reduce((s, x) => s + x.errors, 0)),
          t.note ?? '',
        ],
      }
    })
    out.push(
      `### ${rt}: ${e.name}`,
      '',
      table(rows, {
        unit: 'req/s',
        lowerIsBetter: false,
        extra: [
          `vs ${rawName}`,
          'vs hono',
          'runs',
          'p99',
          'server CPU',
          'req per server CPU-s',
          'errors',
          'notes',
        ],
      }),
      '',
    )
  }
}
out.push(
  `${LOADGEN}; servers started with \`${process.execPath}\` (node), node_modules/.bin/bun and node_modules/.bin/deno.`,
)
console.log(out.join('\n'))
