import { concat } from './bytes.js'
import type { PartHead } from './multipart-parser.js'
import { decodeText } from './text.js'

/**
 * A part of a multipart/form-data body. Its body is read at most once, through `body`, `text()`
 * or `bytes()`.
 */
export interface MultipartPart {
  /** The field name from `Content-Disposition` (RFC 7578 §4.2). */
  readonly name: string
  /**
   * The file name: `filename*` (RFC 8187) decoded, or `filename`; only its last path component,
   * without control characters. `undefined` for a field; `''` when a form sent no file.
   */
  readonly filename: string | undefined
  /** The media type essence, lower-cased; `text/plain` when absent, or for files `application/octet-stream`. */
  readonly type: string
  /** The part's header fields: names lower-cased, values decoded as UTF-8, repeats joined by `, `. */
  readonly headers: Readonly<Record<string, string>>
  /** The part's content as a pull stream: it reads the request only as its consumer reads. */
  readonly body: ReadableStream<Uint8Array>
  /** Whether the body has been read (or skipped). */
  readonly bodyUsed: boolean
  /** The content decoded by the part's `charset` (UTF-8 by default; 400 `encoding` when invalid). */
  text(): Promise<string>
  /** The content as bytes. */
  bytes(): Promise<Uint8Array>
}

/** Where a part's bytes come from: `null` is the end of the part. */
export interface ChunkSource {
  read(): Promise<Uint8Array | null>
  /** What `read` would give without waiting, or `undefined` when that needs more of the request. */
  take?(): Uint8Array | null | undefined
  /** Reads more of the request (with `take`): resolves once the next chunk of it is parsed. */
  wait?(): Promise<void>
  /** Called when the consumer cancels the body: the rest is skipped when the reader moves on. */
  cancel(): void
  /** Whether the reader moved past the part, so its body can no longer be read. */
  passed?(): boolean
}

/** The error a part's body gives when it is read after the reader moved past it or was closed. */
export class PartSkippedError extends Error {
  override readonly name = 'PartSkippedError'
}

/** A part whose content comes from a `ChunkSource`. */
export class SourcePart implements MultipartPart {
  readonly name: string
  readonly filename: string | undefined
  readonly type: string
  readonly headers: Readonly<Record<string, string>>
  /** What the parser read (internal: the package does not export this class). */
  readonly head: PartHead
  /** Where the content comes from (internal). */
  readonly source: ChunkSource
  readonly #charset: string | undefined
  #stream: ReadableStream<Uint8Array> | undefined
  #used = false

  constructor(head: PartHead, source: ChunkSource) {
    this.name = head.name
    this.filename = head.filename
    this.type = head.type
    this.headers = head.headers
    this.#charset = head.charset
    this.head = head
    this.source = source
  }

  get bodyUsed(): boolean {
    // Asked here rather than marked when the reader moves on, which would cost every part a call.
    return this.#used || this.source.passed?.() === true
  }

  /** Marks the body as used, throwing when it was used already. */
  #claim(): void {
    if (this.#used) throw new TypeError(`the body of part "${this.name}" has already been read`)
    this.#used = true
  }

  get body(): ReadableStream<Uint8Array> {
    this.#stream ??= new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          this.#used = true
          const source = this.source
          if (!source.take || !source.wait) {
            return source
              .read()
              .then((c) => (c === null ? controller.close() : controller.enqueue(c)))
          }
          // Hand over every chunk already parsed in one pull (they are in memory anyway), and
          // read the request only when there is none.
          const drain = (): Promise<void> | undefined => {
            let chunk = source.take!()
            if (chunk === undefined) return source.wait!().then(drain)
            while (chunk) {
              controller.enqueue(chunk)
              chunk = source.take!()
            }
            if (chunk === null) controller.close()
            return undefined
          }
          return drain()
        },
        cancel: () => {
          this.#used = true
          this.source.cancel()
        },
      },
      // No queue: the stream pulls only when its consumer reads (WHATWG Streams §4.2.4).
      { highWaterMark: 0 },
    )
    return this.#stream
  }

  bytes(): Promise<Uint8Array> {
    return this.#settle((bytes) => bytes)
  }

  text(): Promise<string> {
    const charset = this.#charset
    return this.#settle((bytes) => decodeText(bytes, charset))
  }

  /**
   * `use` of the content, as a promise that never throws synchronously. A small field is parsed
   * whole with its header: it is used at once, one promise in all.
   */
  #settle<T>(use: (bytes: Uint8Array) => T): Promise<T> {
    try {
      const content = this.#collect()
      return content instanceof Uint8Array ? Promise.resolve(use(content)) : content.then(use)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** The content: at once when all of it is parsed already, else once the request gives it. */
  #collect(): Uint8Array | Promise<Uint8Array> {
    // A stream that was pulled from holds only the rest of the content: refuse, as Fetch does.
    if (this.#stream && !this.#used) return collect(this.#stream)
    this.#claim()
    const chunks: Uint8Array[] = []
    const source = this.source
    if (source.take) {
      for (let chunk = source.take(); chunk !== undefined; chunk = source.take()) {
        if (chunk === null) return concat(chunks)
        chunks.push(chunk)
      }
    }
    return this.#rest(chunks)
  }

  async #rest(chunks: Uint8Array[]): Promise<Uint8Array> {
    const source = this.source
    for (;;) {
      let chunk = source.take?.()
      if (chunk === undefined) {
        if (source.wait) {
          await source.wait()
          continue
        }
        chunk = await source.read()
      }
      if (chunk === null) return concat(chunks)
      chunks.push(chunk)
    }
  }
}

/** A part whose content is already in memory (a file collected by `file({ memory: true })`). */
export class MemoryPart implements MultipartPart {
  readonly name: string
  readonly filename: string | undefined
  readonly type: string
  readonly headers: Readonly<Record<string, string>>
  /** The size of the content in bytes. */
  readonly size: number
  readonly #charset: string | undefined
  readonly #bytes: Uint8Array

  constructor(head: PartHead, bytes: Uint8Array) {
    this.name = head.name
    this.filename = head.filename
    this.type = head.type
    this.headers = head.headers
    this.#charset = head.charset
    this.#bytes = bytes
    this.size = bytes.byteLength
  }

  /** Always `false`: the content is in memory and can be read any number of times. */
  get bodyUsed(): boolean {
    return false
  }

  get body(): ReadableStream<Uint8Array> {
    const bytes = this.#bytes
    return new ReadableStream({
      start(controller) {
        if (bytes.byteLength > 0) controller.enqueue(bytes.slice())
        controller.close()
      },
    })
  }

  async bytes(): Promise<Uint8Array> {
    return this.#bytes.slice()
  }

  async text(): Promise<string> {
    return decodeText(this.#bytes, this.#charset)
  }
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return concat(chunks)
    chunks.push(value)
  }
}
