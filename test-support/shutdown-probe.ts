// What `close()` does on the real Bun and Deno to work that outlives shutdownTimeout, written
// once: a response that never ends (an event stream), a request never answered and a
// `waitUntil` task that never settles.
// The probe is client and server in one process; it prints one JSON report, then should end by
// itself, which the cases check too (an open connection keeps a process alive).
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/** How a runtime runs the shutdown probe. */
export interface ShutdownProbeRuntime {
  /** The runtime's name in the test titles (`Bun`, `Deno`). */
  readonly name: string
  /** The adapter's source entry (`src/index.ts`), imported by the probe. */
  readonly source: string
  /** The command that runs `probe`, a file in `dir` (which it may add files to). */
  command(dir: string, probe: string): Promise<{ file: string; args: string[]; env?: object }>
}

/** What the probe saw, and how its process ended (`'still running'` after 20 s). */
interface Report {
  order: string[]
  stream: 'cut' | 'ended' | 'still streaming'
  unanswered: 'cut' | 'answered' | 'still waiting'
  /** Whether the unanswered request's `signal` aborted. */
  aborted: boolean
  warnings: string[]
  exit: number | string | null
}

function probeText(source: string): string {
  return `
import { serve } from ${JSON.stringify(source)}
const order = []
let aborted = false
let entered
const hanging = new Promise((resolve) => { entered = resolve })
const warnings = []
console.warn = (...args) => warnings.push(args.join(' '))
const tick = new TextEncoder().encode('tick\\n')
const app = {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname
    if (path === '/later') {
      ctx.waitUntil(new Promise(() => {}))
      return new Response('queued')
    }
    if (path === '/hang') {
      request.signal.addEventListener('abort', () => { aborted = true })
      entered()
      await new Promise(() => {})
    }
    return new Response(new ReadableStream({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 20))
        controller.enqueue(tick)
      },
      cancel() { order.push('stream cancelled') },
    }))
  },
  close() { order.push('app closed') },
}
const server = await serve(app, { port: 0, hostname: '127.0.0.1', shutdownTimeout: 300, handleSignals: false })
await (await fetch(new URL('/later', server.url))).text()
const unanswered = fetch(new URL('/hang', server.url)).then(() => 'answered', () => 'cut')
await hanging
const reader = (await fetch(server.url)).body.getReader()
await reader.read()
const rest = (async () => {
  while (!(await reader.read()).done) {}
  return 'ended'
})().catch(() => 'cut')
await server.close()
order.push('close resolved')
let timer
const late = new Promise((r) => { timer = setTimeout(() => r('still streaming'), 5000) })
const stream = await Promise.race([rest, late])
const hang = await Promise.race([unanswered, late.then(() => 'still waiting')])
clearTimeout(timer)
console.log(JSON.stringify({ order, stream, unanswered: hang, aborted, warnings }))
`
}

/** Runs the probe and waits (20 s at most) for its process to end. */
async function runProbe(runtime: ShutdownProbeRuntime, dir: string): Promise<Report> {
  const probe = join(dir, 'probe.ts')
  await writeFile(probe, probeText(runtime.source))
  const { file, args, env } = await runtime.command(dir, probe)
  const child = spawn(file, args, { cwd: dir, env: { ...process.env, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const exit = await new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal))
    timer = setTimeout(() => resolve('still running'), 20_000)
  })
  clearTimeout(timer)
  child.kill('SIGKILL')
  const line = stdout.split('\n').find((l) => l.startsWith('{'))
  if (line === undefined) throw new Error(`the probe printed no report (exit ${exit}):\n${stderr}`)
  return { ...JSON.parse(line), exit }
}

/**
 * `describeShutdownProbe(runtime)` declares what `close()` does on `runtime` when
 * `shutdownTimeout` passes with a response still streaming and `waitUntil` work unsettled.
 */
export function describeShutdownProbe(runtime: ShutdownProbeRuntime): void {
  let dir: string
  let report: Report
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `ferry-${runtime.name.toLowerCase()}-shutdown-`))
    report = await runProbe(runtime, dir)
  }, 60_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  describe(`close() on ${runtime.name} past shutdownTimeout`, () => {
    it('resolves with a response still streaming and waitUntil work unsettled', () => {
      expect(report.order).toContain('close resolved')
    })

    it("cuts the response: the client's read fails, its stream is cancelled, then the app closes", () => {
      expect(report.stream).toBe('cut')
      expect(report.order).toEqual(['stream cancelled', 'app closed', 'close resolved'])
    })

    it('cuts a request never answered: the client gets no answer, and its signal aborts', () => {
      expect(report.unanswered).toBe('cut')
      expect(report.aborted).toBe(true)
    })

    it('abandons the waitUntil work, and warns of it and of the requests cut', () => {
      expect(report.warnings).toEqual([
        '[ferry] shutdownTimeout (300 ms) passed with requests in flight: cutting them',
        '[ferry] shutdownTimeout (300 ms) passed with waitUntil work unsettled: closing the app without it',
      ])
    })

    it('leaves nothing open: the process then ends by itself', () => {
      expect(report.exit).toBe(0)
    })
  })
}
