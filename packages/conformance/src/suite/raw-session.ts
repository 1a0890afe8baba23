import { expect } from 'vitest'
import { field, type RawConnection, type RawResponse } from './raw-http.js'
import type { Target } from './target.js'

/** `text(bytes)` is `bytes` decoded as UTF-8. */
export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/** `request(method, path, fields?)` is a request head; `fields` are extra CRLF-ended lines. */
export function request(method: string, path: string, fields = ''): string {
  return `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n${fields}\r\n`
}

/**
 * A client session of raw HTTP/1.1 requests: sent over one connection while the server keeps it
 * open, over a new one after an answer with `Connection: close` (which any server may send). A
 * runtime that sent stray bytes (a HEAD body, an unread request body parsed as a request) fails
 * the next parse.
 */
export class Session {
  #target: Target
  #connection: RawConnection | undefined
  constructor(target: Target) {
    this.#target = target
  }

  /** `send(head, body?, { head })` is the answer to one request (`head: true` for a HEAD). */
  async send(head: string, body?: string, options: { head?: boolean } = {}): Promise<RawResponse> {
    if (this.#connection === undefined) {
      this.#connection = await this.#target.connect!()
    }
    const connection = this.#connection
    connection.write(head)
    if (body !== undefined) connection.write(body)
    const response = await connection.response(options)
    if (/close/i.test(field(response, 'connection') ?? '')) {
      // The server said it closes: it must, rather than leave the client waiting.
      await connection.closed
      this.#connection = undefined
    }
    return response
  }

  close(): void {
    this.#connection?.destroy()
  }
}

/** `inSession(target, run)` runs `run` with a fresh `Session`, closed afterwards. */
export async function inSession(
  target: Target,
  run: (session: Session) => Promise<void>,
): Promise<void> {
  const session = new Session(target)
  try {
    await run(session)
  } finally {
    session.close()
  }
}

/** `expectPost(response, id)` asserts `response` is `/posts/:id`'s complete JSON answer. */
export function expectPost(response: RawResponse, id: number): void {
  expect(response.status).toBe(200)
  expect(response.complete).toBe(true)
  expect(JSON.parse(text(response.body))).toEqual({ id, type: 'number' })
}

/** `chunks(parts)` is `parts` as a chunked body (RFC 9112 §7.1), each part one chunk. */
export function chunks(parts: readonly string[]): string {
  return `${parts.map((part) => `${part.length.toString(16)}\r\n${part}\r\n`).join('')}0\r\n\r\n`
}
