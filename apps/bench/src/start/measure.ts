import { randomBytes } from 'node:crypto'
import { startChild } from './child.js'
import { binOf, type Contender, commandOf } from './contenders.js'
import { firstResponse } from './first-response.js'
import { freePort } from '../../../../test-support/free-port.js'

/** The outcome of one spawn: the time to the first correct answer, or why there was none. */
export type Spawned =
  | { readonly ms: number; readonly cpuMs: number }
  | { readonly error: string; readonly wrong?: boolean }

/** Options of `spawnOnce`. */
export interface SpawnOptions {
  /** workerd's config file of the contender, when it runs on workerd. */
  readonly config?: string
  /** How long a server gets to answer before it counts as failed, in ms. */
  readonly timeoutMs: number
  /** Pause between refused connection attempts, in ms. */
  readonly intervalMs: number
}

/**
 * `spawnOnce(c, options)` starts a fresh process of contender `c` on a free loopback port, polls
 * `GET /users/<token>` until the first answer, kills the process (and waits for it to be gone)
 * and gives the wall time from just before the spawn to the end of that answer, and the CPU time
 * the process had used by then. The token is new
 * for every spawn, so an answer from any other server that took the port does not count: it is
 * reported as a wrong answer.
 */
export async function spawnOnce(c: Contender, o: SpawnOptions): Promise<Spawned> {
  const bin = binOf(c.runtime)
  if (bin === undefined) return { error: `${c.runtime} is not installed` }
  const port = await freePort()
  const token = `start-${randomBytes(4).toString('hex')}`
  const [cmd, args, env] = commandOf(c, bin, port, o.config)
  const t0 = performance.now()
  const child = startChild(cmd, args, env)
  try {
    const answer = await firstResponse({
      port,
      path: `/users/${token}`,
      deadline: t0 + o.timeoutMs,
      exited: child.exited,
      intervalMs: o.intervalMs,
    })
    const ms = performance.now() - t0
    const cpu = child.cpuMs()
    if (answer.status !== 200 || answer.body !== `hello ${token}`) {
      return {
        wrong: true,
        error: `answered ${answer.status} ${JSON.stringify(answer.body.slice(0, 80))}`,
      }
    }
    return { ms, cpuMs: cpu }
  } catch (error) {
    // The child's error line (a stack's first line), else its last line.
    const lines = child.output().trim().split('\n')
    const tail = lines.find((l) => /Error|error:/.test(l)) ?? lines.at(-1) ?? ''
    return { error: `${(error as Error).message}${tail ? `: ${tail.slice(0, 200)}` : ''}` }
  } finally {
    await child.kill()
  }
}
