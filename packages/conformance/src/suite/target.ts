import { connect } from 'node:net'
import { expect } from 'vitest'
import type { ChildServer } from '../harness/child-server.js'
import { RawConnection } from './raw-http.js'

/** What the suite runs against: the fixture app behind one runtime. */
export interface Target {
  /** `fetch` relative to the fixture's origin. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /**
   * Starts a separate, disposable instance for cases that end it (graceful shutdown). Absent for
   * the in-process runner, which has no process to signal.
   */
  spawn?(): Promise<ChildServer>
  /**
   * True when `fetch` decodes a `Content-Encoding` itself, as Node's fetch does over a socket (and
   * fails on a body that is not what the header says); `app.fetch` in-process hands back the
   * encoded bytes.
   */
  decodesContent?: boolean
  /**
   * Writes `head` (a request line and headers, CRLF-terminated) to a fresh connection and
   * resolves with everything the server sent until it closed. For what `fetch` refuses to send,
   * such as a `Host` header that is no host. Absent in-process, where no HTTP is parsed.
   */
  raw?(head: string): Promise<string>
  /**
   * Opens a connection to speak HTTP/1.1 by hand: several requests on one connection, framing
   * headers, interim responses. Absent in-process, where no HTTP is parsed.
   */
  connect?(): Promise<RawConnection>
}

/** `rawExchange(url, head)` is `Target.raw` against the server listening at `url`. */
export function rawExchange(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head))
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    // A server that neither answers nor closes fails the case rather than hanging it.
    socket.setTimeout(10_000, () =>
      socket.destroy(new Error(`no answer to ${head.split('\r\n')[0]}`)),
    )
    socket.on('error', reject)
    socket.on('close', () => resolve(received))
  })
}

/** A target over real HTTP to `server`. */
export function socketTarget(server: ChildServer, spawn: () => Promise<ChildServer>): Target {
  return {
    fetch: (path, init) => fetch(new URL(path, server.url), init),
    spawn,
    decodesContent: true,
    raw: (head) => rawExchange(server.url, head),
    connect: () => RawConnection.open(server.url),
  }
}

/** A unique id for the fixture's per-request bookkeeping (`/hang?id=...`). */
export function uniqueId(): string {
  return crypto.randomUUID()
}

/** The JSON `state` that `path` answers (the fixture's record of some background work). */
export async function stateAt(target: Target, path: string): Promise<string | undefined> {
  const body = (await (await target.fetch(path)).json()) as { state?: string }
  return body.state
}

/**
 * `expectState(target, path, state)` asserts that `path` comes to answer `state`, polling: work
 * after a response or an abort has no moment to wait for, only an outcome to observe.
 */
export async function expectState(target: Target, path: string, state: string): Promise<void> {
  await expect.poll(() => stateAt(target, path), { timeout: 20_000, interval: 25 }).toBe(state)
}

/** `readProblem(response)` is the media type and the parsed body of a problem response. */
export async function readProblem(
  response: Response,
): Promise<{ type: string | null; body: Record<string, unknown> }> {
  return {
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  }
}
