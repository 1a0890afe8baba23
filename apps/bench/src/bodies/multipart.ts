// Multipart throughput and memory: @ferry/body against busboy, @fastify/busboy, raw multipasta,
// @remix-run/multipart-parser and undici's Request.formData(), plus an indexOf+copy floor, on the
// four bodies of issue 3. Answers are checked before anything is timed. Run it with
// `node --expose-gc apps/bench/src/bodies/main.mjs` (it bundles this file), or call `run()`.
import { createRequire } from 'node:module'
import { cpus, totalmem } from 'node:os'
import { type BodyCase, bodyCases } from './bodies.js'
import { FLOOR, PARSERS, type Parser, type Seen } from './peers.js'

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
  peakMiB?: number
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

/** Peak growth of heap + buffers over one parse, sampled at every chunk the parser pulls. */
async function peakGrowth(parser: Parser, body: BodyCase): Promise<number> {
  gc?.()
  const base = liveBytes()
  let peak = 0
  let pulls = 0
  await parser.parse(body, false, () => {
    // Sampling every 4th pull keeps the cost of memoryUsage() out of the way.
    if ((pulls++ & 3) === 0) peak = Math.max(peak, liveBytes() - base)
  })
  peak = Math.max(peak, liveBytes() - base)
  return peak / MiB
}

async function time(parser: Parser, body: BodyCase): Promise<{ ms: number; runs: number }> {
  await parser.parse(body, false)
  const samples: number[] = []
  const end = performance.now() + BUDGET_MS
  while (samples.length < 3 || (performance.now() < end && samples.length < 50)) {
    gc?.()
    const t0 = performance.now()
    await parser.parse(body, false)
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return { ms: samples[samples.length >> 1]!, runs: samples.length }
}

async function measure(body: BodyCase): Promise<Result[]> {
  const results: Result[] = []
  for (const parser of [...PARSERS, FLOOR]) {
    const checked = await parser.parse(body, true).catch((e: Error) => e)
    const note = checked instanceof Error ? `failed: ${checked.message}` : parser === FLOOR ? undefined : wrongAnswer(body, checked)
    if (note) {
      results.push({ parser, note })
      continue
    }
    const peakMiB = await peakGrowth(parser, body)
    const { ms, runs } = await time(parser, body)
    results.push({ parser, ms, runs, peakMiB, mbps: body.size / MiB / (ms / 1000) })
  }
  return results
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
  const peers = results.filter((r) => !r.parser.ours && r.parser !== FLOOR && r.parser.streaming)
  const best = Math.max(...peers.map((r) => r.mbps ?? 0))
  const lines = [
    `### ${body.name} (${(body.size / MiB).toFixed(1)} MiB, ${body.parts} parts)`,
    '',
    '| parser | MB/s | vs fastest streaming peer | ms per body | peak heap+buffers | runs |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const r of results) {
    if (r.note) {
      lines.push(`| ${r.parser.name} | - | - | - | - | ${r.note} |`)
      continue
    }
    lines.push(
      `| ${r.parser.name} | ${r.mbps!.toFixed(0)} | ${(r.mbps! / best).toFixed(2)}x | ${r.ms!.toFixed(1)} | ${r.peakMiB!.toFixed(1)} MiB | ${r.runs} |`,
    )
  }
  return lines.join('\n')
}

/** Runs every body through every parser and prints (and returns) the Markdown report. */
export async function run(): Promise<string> {
  const c = cpus()
  const out = [
    '## Multipart bodies',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${c[0]?.model ?? 'unknown cpu'} x ${c.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${process.arch}`,
    `- runtime: node ${process.versions.node}${gc ? ' --expose-gc' : ' (no --expose-gc: memory figures are noisier)'}`,
    `- versions: ${versions()}`,
    '- MB/s is MiB of body per second (median run); peak heap+buffers is the growth of',
    '  heapUsed + arrayBuffers + external over one parse, sampled as chunks are pulled.',
    '',
  ]
  console.log(out.join('\n'))
  for (const body of bodyCases()) {
    const section = tableOf(body, await measure(body))
    console.log(`${section}\n`)
    out.push(section, '')
  }
  return out.join('\n')
}
