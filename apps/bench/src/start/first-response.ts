import { request } from 'node:http'

/** One answer of a server: its status and body. */
export interface Answer {
  readonly status: number
  readonly body: string
}

/**
 * `getOnce(port, path)` is the answer to one `GET path` on 127.0.0.1:`port` over a fresh
 * connection (no agent, `connection: close`, so no socket is reused between spawns). Rejects with
 * the socket error (ECONNREFUSED while nothing listens yet) or after `timeoutMs`.
 */
export function getOnce(port: number, path: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent: false,
        headers: { connection: 'close' },
        timeout: timeoutMs,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

/** Options of `firstResponse`. */
export interface PollOptions {
  readonly port: number
  readonly path: string
  /** Wall-clock time (`performance.now()`) after which polling gives up. */
  readonly deadline: number
  /** Settles when the server process has exited: polling stops at once. */
  readonly exited: Promise<unknown>
  /** Pause between refused connection attempts, in ms (the resolution of the measurement). */
  readonly intervalMs: number
}

/**
 * `firstResponse(options)` is the first answer the server gives on `path`, polled from the
 * moment it is called: refused or reset connections (nothing listens yet, or the server is still
 * setting up) are retried every `intervalMs`. Rejects when the server exits first or the deadline
 * passes.
 */
export async function firstResponse(o: PollOptions): Promise<Answer> {
  let gone = false
  void o.exited.then(() => {
    gone = true
  })
  let last = 'no attempt'
  while (!gone && performance.now() < o.deadline) {
    try {
      return await getOnce(o.port, o.path, Math.max(1, o.deadline - performance.now()))
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, o.intervalMs))
  }
  throw new Error(gone ? `exited before answering (${last})` : `no answer in time (${last})`)
}
