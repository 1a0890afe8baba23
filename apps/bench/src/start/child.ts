import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { processCpuMs, statField } from '../lib/proc.js'

/** A server process started by the runner. */
export interface Child {
  readonly pid: number
  /** Settles once the process has exited (with its code or signal). */
  readonly exited: Promise<string>
  /** The last few KiB the process wrote to stdout and stderr. */
  output(): string
  /** CPU time the server process has used so far, in ms (see `processCpuMs`); NaN when unknown. */
  cpuMs(): number
  /** Kills the process and everything in its process group, and waits until it has exited. */
  kill(): Promise<void>
}

// Every child still running: killed when the runner exits, fails or is interrupted, so no server
// outlives a run (and keeps a port or a core busy for the next engineer).
const live = new Set<ChildProcess>()

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return
  try {
    // Each child leads its own process group (`detached`), so -pid reaches anything it started.
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

/** Kills every child still running (synchronous: usable from an `exit` handler). */
export function killAll(): void {
  for (const child of live) killGroup(child)
  live.clear()
}

process.once('exit', killAll)
// Exit codes as a shell reports a death by signal: 128 + its number.
for (const [signal, code] of [
  ['SIGHUP', 129],
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    killAll()
    process.exit(code)
  })
}

// GNU timeout(1) bounds each server's life even if the runner itself is killed with SIGKILL (as
// run-all does past a group's limit), when nothing could run our exit handler: the orphan then
// dies after LIFETIME_S. timeout forks the server and waits, so the server is its child.
const TIMEOUT_BIN = '/usr/bin/timeout'
const LIFETIME_S = 30

/** The first process whose parent is `ppid`, found by scanning /proc, or undefined. */
function childOf(ppid: number): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (/^\d+$/.test(entry) && statField(entry, 4) === String(ppid)) return Number(entry)
    }
  } catch {}
  return undefined
}

/**
 * `startChild(cmd, args, env)` spawns `cmd` with no stdin, in its own process group (under
 * timeout(1) when there is one), with its output kept (the tail only) for error messages. The child gets `PATH`, `HOME` and `env` only,
 * not the runner's environment: a start time must not depend on who runs the bench (this
 * machine sets NODE_EXTRA_CA_CERTS, and Node then parses that CA bundle at every start, adding
 * 100-250 ms; `NODE_OPTIONS` could preload anything).
 */
export function startChild(
  cmd: string,
  args: readonly string[],
  env: Record<string, string>,
): Child {
  const wrapped = existsSync(TIMEOUT_BIN)
  const [file, argv] = wrapped
    ? [TIMEOUT_BIN, ['-s', 'KILL', String(LIFETIME_S), cmd, ...args]]
    : [cmd, [...args]]
  const child = spawn(file, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
  })
  live.add(child)
  let out = ''
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-4096)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child)
      resolve(String(code ?? signal))
    })
    child.once('error', (error) => {
      live.delete(child)
      out += String(error)
      resolve('spawn error')
    })
  })
  return {
    pid: child.pid ?? -1,
    exited,
    output: () => out,
    cpuMs() {
      if (child.pid === undefined) return Number.NaN
      const server = wrapped ? childOf(child.pid) : child.pid
      return processCpuMs(server)
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) killGroup(child)
      await exited
    },
  }
}
