import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What one load run reports, whichever generator made it. */
export interface LoadReport {
  /** Requests per second over the run. */
  readonly rps: number
  /** The 99th percentile latency in milliseconds. */
  readonly p99: number
  /** Requests answered during the run. */
  readonly total: number
  /** Socket errors, timeouts and answers other than 2xx or 3xx. */
  readonly errors: number
}

/** One run of `wrk` against a URL. */
export interface WrkRun {
  readonly url: string
  readonly method: 'GET' | 'POST'
  /** The request body, sent as `application/json`, for POST. */
  readonly body?: string
  readonly connections: number
  readonly seconds: number
  /** The core to pin wrk to (with taskset), when given. */
  readonly cpu?: number
}

/** The `wrk` on PATH (Debian's `wrk` package), or `undefined` when there is none. */
export function findWrk(): string | undefined {
  try {
    const path = execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim()
    return path || undefined
  } catch {
    return undefined
  }
}

/** wrk's version line (`wrk 4.1.0 [epoll] ...`), shortened to the number. */
export function wrkVersion(wrk: string): string {
  try {
    // `wrk -v` prints its banner and exits 1; the banner is all we want.
    execFileSync(wrk, ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const out = String((error as { stdout?: string }).stdout ?? '')
    const m = /wrk (\S+)/.exec(out)
    if (m) return m[1]!
  }
  return '?'
}

let scriptDir: string | undefined

/** A Lua script making wrk send `body` as a JSON POST (wrk sends GET with no body otherwise). */
function postScript(body: string): string {
  scriptDir ??= mkdtempSync(join(tmpdir(), 'ferry-wrk-'))
  const file = join(scriptDir, `post-${body.length}.lua`)
  // Lua long brackets hold the body verbatim (it contains no `]==]`).
  const script = `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[${body}]==]\n`
  writeFileSync(file, script)
  return file
}

/** Milliseconds in one wrk duration (`812.00us`, `1.25ms`, `2.01s`, `1.00m`). */
function millis(value: string, unit: string): number {
  const n = Number(value)
  if (unit === 'us') return n / 1000
  if (unit === 's') return n * 1000
  if (unit === 'm') return n * 60_000
  return n
}

/**
 * `parseWrk(stdout)` reads the report of `wrk --latency`: requests/s, the 99% latency, the total,
 * and errors (every socket error kind plus non-2xx/3xx answers).
 */
export function parseWrk(stdout: string): LoadReport {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)
  const total = /(\d+) requests in/.exec(stdout)
  const p99 = /\s99%\s+([\d.]+)(us|ms|s|m)\b/.exec(stdout)
  if (!rps || !total || !p99) throw new Error(`unreadable wrk report:\n${stdout}`)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)
  const errors =
    (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) +
    (non2xx ? Number(non2xx[1]) : 0)
  return {
    rps: Number(rps[1]),
    p99: millis(p99[1]!, p99[2]!),
    total: Number(total[1]),
    errors,
  }
}

/** `runWrk(wrk, run)` is one bounded wrk run (one thread), killed if it outlives its time. */
export function runWrk(wrk: string, run: WrkRun): Promise<LoadReport> {
  const args = ['-t1', `-c${run.connections}`, `-d${run.seconds}s`, '--latency', '--timeout', '5s']
  if (run.method === 'POST') args.push('-s', postScript(run.body ?? ''))
  args.push(run.url)
  const [cmd, argv] =
    run.cpu === undefined ? [wrk, args] : ['taskset', ['-c', String(run.cpu), wrk, ...args]]
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { timeout: (run.seconds + 20) * 1000 }, (error, stdout) => {
      if (error) return reject(error)
      try {
        resolve(parseWrk(stdout))
      } catch (e) {
        reject(e)
      }
    })
  })
}
