import { connect, type Socket } from 'node:net'

/** One HTTP/1.1 response as it came over the wire (RFC 9112), read by `RawConnection.response`. */
export interface RawResponse {
  readonly status: number
  /** The header fields in the order sent, names lower-cased, values as bytes (latin1). */
  readonly fields: readonly (readonly [string, string])[]
  /** The body after framing is removed (chunk sizes stripped). */
  readonly body: Uint8Array
  /** How the body was delimited (RFC 9112 §6.3). */
  readonly framing: 'none' | 'length' | 'chunked' | 'close'
  /**
   * Whether the body ended as its framing says: the last chunk of a chunked body, or all the
   * `Content-Length` bytes. False when the connection closed before that (a cut body).
   */
  readonly complete: boolean
}

/** `fieldValues(response, name)` is every value of the field `name`, one per header line. */
export function fieldValues(response: RawResponse, name: string): string[] {
  return response.fields.filter(([n]) => n === name).map(([, value]) => value)
}

/** `field(response, name)` is the values of `name` joined as Fetch does, or null when absent. */
export function field(response: RawResponse, name: string): string | null {
  const values = fieldValues(response, name)
  return values.length === 0 ? null : values.join(', ')
}

const CRLF = Buffer.from('\r\n')
const HEAD_END = Buffer.from('\r\n\r\n')

/**
 * A client connection speaking HTTP/1.1 by hand, for what `fetch` hides or refuses: framing
 * headers, several requests on one connection, a `100 Continue`, a body cut short. A server that
 * stops answering fails the case after 10 s instead of hanging it.
 */
export class RawConnection {
  #socket: Socket
  #buffer = Buffer.alloc(0)
  #ended = false
  #error: Error | undefined
  #wake: (() => void) | undefined
  #gaveUp = false
  /** Settles once the server has closed the connection (or it failed, or this client gave up). */
  readonly closed: Promise<void>

  private constructor(socket: Socket) {
    this.#socket = socket
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk])
      this.#wake?.()
    })
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.#ended = true
        this.#wake?.()
        resolve()
      })
    })
    socket.on('error', (error) => {
      this.#error = error
    })
    socket.setTimeout(10_000, () => {
      this.#gaveUp = true
      socket.destroy(new Error('the server neither answered nor closed'))
    })
  }

  /**
   * Whether this client closed the connection itself after 10 s of silence: once `closed` has
   * settled, false means the server closed it (or it failed).
   */
  get gaveUp(): boolean {
    return this.#gaveUp
  }

  /** `RawConnection.open(url)` is a fresh connection to the server at `url`. */
  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url)
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.off('error', reject)
        resolve(new RawConnection(socket))
      })
      socket.once('error', reject)
    })
  }

  /** Sends `data`; a string goes as latin1, one byte per character. */
  write(data: string | Uint8Array): void {
    this.#socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  }

  /** Half-closes the connection: the server sees the end of the request stream. */
  end(): void {
    this.#socket.end()
  }

  /** Closes the connection at once. */
  destroy(): void {
    this.#socket.destroy()
  }

  /**
   * `response({ head })` is the next response on the connection, `1xx` ones included. `head` says
   * it answers a HEAD request, whose response has no body whatever its headers say (RFC 9112
   * §6.3). Rejects when the connection closes before a complete head.
   */
  async response(options: { head?: boolean } = {}): Promise<RawResponse> {
    const end = await this.#until(() => this.#buffer.indexOf(HEAD_END))
    if (end < 0)
      throw this.#error ?? new Error(`the connection closed before a response head${this.#seen()}`)
    const lines = this.#take(end + 4)
      .toString('latin1')
      .split('\r\n')
      .slice(0, -2)
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1])
    if (Number.isNaN(status)) throw new Error(`not a status line: ${JSON.stringify(lines[0])}`)
    const fields = lines.slice(1).map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const
    })
    const response = { status, fields }
    if (options.head || status < 200 || status === 204 || status === 304) {
      return { ...response, body: new Uint8Array(), framing: 'none', complete: true }
    }
    const coding = fields.filter(([name]) => name === 'transfer-encoding').map(([, v]) => v)
    if (/chunked/i.test(coding.join(','))) {
      return { ...response, ...(await this.#chunked()) }
    }
    const length = fields.find(([name]) => name === 'content-length')?.[1]
    if (length !== undefined) {
      const size = Number(length)
      await this.#until(() => (this.#buffer.length >= size ? 1 : -1))
      const complete = this.#buffer.length >= size
      const body = this.#take(Math.min(size, this.#buffer.length))
      return { ...response, body, framing: 'length', complete }
    }
    await this.#until(() => -1)
    return { ...response, body: this.#take(this.#buffer.length), framing: 'close', complete: true }
  }

  /** Everything the server sends from here until it closes the connection. */
  async rest(): Promise<string> {
    await this.closed
    return this.#take(this.#buffer.length).toString('latin1')
  }

  async #chunked(): Promise<{ body: Uint8Array; framing: 'chunked'; complete: boolean }> {
    const parts: Buffer[] = []
    for (;;) {
      const eol = await this.#until(() => this.#buffer.indexOf(CRLF))
      if (eol < 0) return { body: Buffer.concat(parts), framing: 'chunked', complete: false }
      const size = Number.parseInt(this.#buffer.subarray(0, eol).toString('latin1'), 16)
      if (size === 0) {
        // The last chunk, then optional trailer fields and an empty line (RFC 9112 §7.1).
        const end = await this.#until(() => this.#buffer.indexOf(HEAD_END, eol))
        if (end < 0) return { body: Buffer.concat(parts), framing: 'chunked', complete: false }
        this.#take(end + 4)
        return { body: Buffer.concat(parts), framing: 'chunked', complete: true }
      }
      const needed = eol + 2 + size + 2
      await this.#until(() => (this.#buffer.length >= needed ? 1 : -1))
      if (this.#buffer.length < needed) {
        parts.push(this.#take(this.#buffer.length).subarray(eol + 2))
        return { body: Buffer.concat(parts), framing: 'chunked', complete: false }
      }
      parts.push(this.#take(needed).subarray(eol + 2, eol + 2 + size))
    }
  }

  /** Waits until `found()` is not negative or the connection has closed; then `found()`. */
  async #until(found: () => number): Promise<number> {
    while (found() < 0 && !this.#ended) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve
      })
    }
    return found()
  }

  #take(n: number): Buffer {
    const taken = this.#buffer.subarray(0, n)
    this.#buffer = this.#buffer.subarray(n)
    return taken
  }

  #seen(): string {
    return this.#buffer.length === 0
      ? ''
      : `: ${JSON.stringify(this.#buffer.toString('latin1').slice(0, 200))}`
  }
}
