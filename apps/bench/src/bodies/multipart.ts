// Multipart throughput and memory: @ferry/body against busboy, @fastify/busboy, raw multipasta,
// @remix-run/multipart-parser and undici's Request.formData(), plus an indexOf+copy floor, on the
// four bodies of issue 3. Answers are checked before anything is timed. Run it with
// `pnpm bench:bodies` (the bench runner's dist/bodies.js calls `run()`).
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { cpuMs } from '../lib/measure.js'
import { type BodyCase, bodyCases } from './bodies.js'
import { runJsonEverywhere } from './json-runtimes.js'
import { FLOOR, PARSERS, type Parser, SOURCE, type Seen } from './peers.js'

const MiB = 1024 * 1024
/** Time budget per parser and body, in ms (`BENCH_TIME` overrides it). */
const BUDGET_MS = Number(process.env.BENCH_TIME ?? 2500)
const gc = (globalThis as { gc?: () => void }).gc

interface Result {
  parser: Parser
  note?: string
  mbps?: number
  ms?: number
  runs?: number
  /** Peak growth of live memory (heap + buffers, after collections) over one parse. */
  liveMiB?: number
  /** The process's peak resident set (only when each parser runs in its own process). */
  rssMiB?: number
}

function wrongAnswer(body: BodyCase, seen: Seen): string | undefined {
  const want = { parts: body.parts, bytes: body.contentBytes, sum: body.contentSum }
  if (seen.parts === want.parts && seen.bytes === want.bytes && seen.sum === want.sum) return
  return `wrong answer: ${JSON.stringify(seen)}, expected ${JSON.stringify(want)}`
}

function liveBytes(): number {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers + m.external
}

/**
 * Peak growth of live memory over one parse: heap + array buffers + external, sampled after a
 * full collection every 16 chunks (1 MiB) the parser pulls, so garbage does not count.
 */
async function peakGrowth(parser: Parser, body: BodyCase): Promise<number> {
  // Array buffer backing stores are freed after the collection that finds them dead, so the
  // baseline waits a turn and collects again before it is read.
  gc?.()
  await new Promise((resolve) => setImmediate(resolve))
  gc?.()
  const base = liveBytes()
  let peak = 0
  let pulls = 0
  await parser.parse(body, false, () => {
    if ((++pulls & 15) === 0) {
      gc?.()
      peak = Math.max(peak, liveBytes() - base)
    }
  })
  return peak / MiB
}

/**
 * Whether a full collection runs before each timed parse (`BENCH_GC_EACH_RUN=1`; default no).
 * It is not what a server does, it leaves the parse's own garbage to an untimed collection, and
 * V8 drops optimised code that embeds objects such a collection finds dead ("weak objects"
 * deoptimisations), so it penalises code that allocates a few objects per part (a re-optimisation
 * per run) more than code that allocates none. Kept only to compare with runs before 2026-11-21 11:15 UTC.
 */
const GC_EACH_RUN = process.env.BENCH_GC_EACH_RUN === '1'
/** Untimed warm-up per parser: at least this many runs and this many ms (`BENCH_WARM_MS`). */
const WARM_RUNS = 5
const WARM_MS = Number(process.env.BENCH_WARM_MS ?? 400)
/** A timed batch takes at least this much CPU time; its mean is one sample. */
const BATCH_MS = 50

/**
 * Times `parser` on `body`, the same way for every parser: untimed warm-up runs (at least
 * `WARM_RUNS` and `WARM_MS`), then timed batches of back-to-back runs for the budget. A sample
 * is a batch's mean CPU time per run, so the collections a parser's garbage causes are charged
 * to it wherever they fall, and time the shared machine gives to other processes is not; the
 * result is the median sample.
 */
async function time(parser: Parser, body: BodyCase): Promise<{ ms: number; runs: number }> {
  const warmEnd = performance.now() + WARM_MS
  for (let n = 0; n < WARM_RUNS || performance.now() < warmEnd; n++) {
    await parser.parse(body, false)
  }
  const samples: number[] = []
  let runs = 0
  const end = performance.now() + BUDGET_MS
  while (samples.length < 3 || (performance.now() < end && samples.length < 60)) {
    if (GC_EACH_RUN) gc?.()
    const c0 = cpuMs()
    let n = 0
    let c = c0
    do {
      await parser.parse(body, false)
      n++
      c = cpuMs()
    } while (c - c0 < BATCH_MS && !GC_EACH_RUN)
    samples.push((c - c0) / n)
    runs += n
  }
  samples.sort((a, b) => a - b)
  return { ms: samples[samples.length >> 1]!, runs }
}

/** Checks, then measures, one parser on one body in this process. */
async function measureOne(parser: Parser, body: BodyCase): Promise<Omit<Result, 'parser'>> {
  const checked = await parser.parse(body, true).catch((e: Error) => e)
  if (checked instanceof Error) return { note: `failed: ${checked.message}` }
  const note = parser === FLOOR || parser === SOURCE ? undefined : wrongAnswer(body, checked)
  if (note) return { note }
  // Memory last: its collections every 1 MiB would disturb the warm-up.
  const { ms, runs } = await time(parser, body)
  const liveMiB = await peakGrowth(parser, body)
  return { ms, runs, liveMiB, mbps: body.size / MiB / (ms / 1000) }
}

const ALL = [...PARSERS, FLOOR, SOURCE]
const self = fileURLToPath(import.meta.url)
/**
 * Each parser runs in a fresh process (this same script with `--child`) when this module is part
 * of the script being run: the bench runner's dist/bodies.js.
 */
const isolated = process.argv[1] === self
const childArgs = process.argv[2] === '--child' ? process.argv.slice(3).map(Number) : undefined

/** Rounds per body: each parser runs once per round, in a rotating order, so load on a shared
 * machine falls on all of them alike; a parser's time is the median of its rounds. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

async function measure(body: BodyCase, index: number): Promise<Result[]> {
  if (!isolated) {
    const results: Result[] = []
    for (const parser of ALL) results.push({ parser, ...(await measureOne(parser, body)) })
    return results
  }
  const rounds = ALL.map(() => [] as Omit<Result, 'parser'>[])
  for (let r = 0; r < ROUNDS; r++) {
    for (let n = 0; n < ALL.length; n++) {
      const k = (n + r) % ALL.length
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', self, '--child', String(index), String(k)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
          env: { ...process.env, BENCH_TIME: String(BUDGET_MS / ROUNDS) },
        },
      )
      rounds[k]!.push(JSON.parse(out.trim().split('\n').pop()!))
    }
  }
  return ALL.map((parser, k) => {
    const got = rounds[k]!
    const failed = got.find((g) => g.note)
    if (failed) return { parser, note: failed.note }
    const ms = got.map((g) => g.ms!).sort((a, b) => a - b)[got.length >> 1]!
    return {
      parser,
      ms,
      mbps: body.size / MiB / (ms / 1000),
      runs: got.reduce((n, g) => n + g.runs!, 0),
      liveMiB: Math.max(...got.map((g) => g.liveMiB!)),
      rssMiB: Math.max(...got.map((g) => g.rssMiB!)),
    }
  })
}

function versions(): string {
  const require = createRequire(import.meta.url)
  const pkgs = ['busboy', '@fastify/busboy', 'multipasta', '@remix-run/multipart-parser']
  return pkgs
    .map((p) => {
      try {
        return `${p} ${(require(`${p}/package.json`) as { version: string }).version}`
      } catch {
        return `${p} ?`
      }
    })
    .join(', ')
}

function tableOf(body: BodyCase, results: Result[]): string {
  const peers = results.filter(
    (r) => !r.parser.ours && r.parser !== FLOOR && r.parser !== SOURCE && r.parser.streaming,
  )
  const best = Math.max(...peers.map((r) => r.mbps ?? 0))
  const lines = [
    `### ${body.name} (${(body.size / MiB).toFixed(1)} MiB, ${body.parts} parts)`,
    '',
    '| parser | MB/s | vs fastest streaming peer | CPU ms per body | µs per part | peak live memory | peak RSS | runs |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const r of results) {
    if (r.note) {
      lines.push(`| ${r.parser.name} | - | - | - | - | - | - | ${r.note} |`)
      continue
    }
    lines.push(
      `| ${r.parser.name} | ${r.mbps!.toFixed(r.mbps! < 10 ? 2 : 0)} | ${(r.mbps! / best).toFixed(2)}x | ${r.ms!.toFixed(1)} | ${((r.ms! * 1000) / body.parts).toFixed(1)} | ${r.liveMiB!.toFixed(1)} MiB | ${r.rssMiB === undefined ? '-' : `${r.rssMiB.toFixed(0)} MiB`} | ${r.runs} |`,
    )
  }
  return lines.join('\n')
}

/**
 * Runs every body through every parser and prints (and returns) the Markdown report, then the
 * JSON body bench on every runtime (json-runtimes.ts). `BENCH_BODIES=multipart` or `=json` runs
 * one of the two.
 */
export async function run(): Promise<string> {
  if (childArgs) return '' // a child measures one pair (below) and prints nothing else
  const only = process.env.BENCH_BODIES
  const multipart = only === undefined || only === 'multipart' ? await runMultipart() : ''
  const json = only === undefined || only === 'json' ? await runJsonEverywhere() : ''
  return [multipart, json].join('\n')
}

async function runMultipart(): Promise<string> {
  const c = cpus()
  const out = [
    '## Multipart bodies',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${c[0]?.model ?? 'unknown cpu'} x ${c.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${process.arch}`,
    `- runtime: node ${process.versions.node}${gc ? ' --expose-gc' : ' (no --expose-gc: memory figures are noisier)'}`,
    `- load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}; each parser ${isolated ? 'in its own process' : 'in this process'}`,
    `- versions: ${versions()}`,
    `- MB/s is MiB of body per CPU-second of the parser's process (median of batch means after ${WARM_MS} ms of warm-up${GC_EACH_RUN ? ', one run per batch with a full GC before it (BENCH_GC_EACH_RUN=1)' : ', no forced GC'}). Peak live memory is the growth of heap +`,
    '  array buffers + external over one parse, after a full GC every 1 MiB pulled. Peak RSS is',
    "  the process's maxRSS over all its runs (Node itself is about 45 MiB of it).",
    '',
  ]
  console.log(out.join('\n'))
  for (const [index, body] of bodyCases().entries()) {
    const section = tableOf(body, await measure(body, index))
    console.log(`${section}\n`)
    out.push(section, '')
  }
  return out.join('\n')
}

/** Child mode: `--child <body> <parser>` measures one pair and prints it as JSON. */
async function child(bodyIndex: number, parserIndex: number): Promise<void> {
  const body = bodyCases()[bodyIndex]!
  const result = await measureOne(ALL[parserIndex]!, body)
  const rssMiB = process.resourceUsage().maxRSS / 1024
  console.log(JSON.stringify({ ...result, rssMiB }))
}

if (isolated && childArgs) await child(childArgs[0]!, childArgs[1]!)
