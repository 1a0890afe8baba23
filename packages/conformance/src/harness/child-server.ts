import { type ChildProcess, spawn } from 'node:child_process'
import { connect } from 'node:net'

/** A server running in a child process, reachable on 127.0.0.1. */
export interface ChildServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string
  readonly pid: number
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string
  /** Sends `signal` to the child by PID. */
  kill(signal: NodeJS.Signals): void
  /** Settles with the exit code (or signal name) once the child has exited. */
  readonly exited: Promise<number | string>
  /** Sends SIGTERM, then SIGKILL if the child is still there after `graceMs`. */
  stop(graceMs?: number): Promise<void>
}

export interface ChildServerOptions {
  command: string
  args: readonly string[]
  port: number
  cwd?: string
  env?: Record<string, string>
  /** How long the child gets to accept a TCP connection. */
  startTimeoutMs?: number
}

// Children still running when the test process exits (a crash, a timeout) are killed with it, so
// no runtime outlives the run holding its port.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/**
 * `startChildServer(options)` spawns the command with no stdin (as under CI) and resolves once its
 * port accepts a TCP connection; it rejects with the child's output if the child exits first or
 * the port stays closed past the timeout.
 */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
    child.once('error', (error) => {
      output += String(error)
      resolve('spawn-error')
    })
  })
  const server: ChildServer = {
    url: `http://127.0.0.1:${options.port}/`,
    pid: child.pid ?? -1,
    output: () => output,
    kill: (signal) => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, signal)
    },
    exited,
    stop: (graceMs = 5000) => stopChild(child, exited, graceMs),
  }
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000)
  let gone = false
  void exited.then(() => {
    gone = true
  })
  while (!(await canConnect(options.port))) {
    if (gone) throw new Error(`${options.command} exited before listening:\n${output}`)
    if (Date.now() > deadline) {
      await server.stop()
      throw new Error(`${options.command} did not listen on ${options.port}:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return server
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | string>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  process.kill(child.pid, 'SIGTERM')
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL')
  }, graceMs)
  await exited
  clearTimeout(timer)
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
