import { refuseDeclaredOver } from './declared-size.js'
import { readFailure } from './errors.js'
import { readRefusal } from './read-body.js'
import { FormCharset } from './form-charset.js'
import { type MultipartLimits, resolveLimits } from './limits.js'
import { createMultipartParser, type PartHead, type PartRule } from './multipart-parser.js'
import { type MultipartPart, PartSkippedError, SourcePart } from './multipart-part.js'
import { DONE, END, HubSource, type PartHub, PartQueue } from './part-queue.js'

/** An async iterator over the parts of a multipart body, in arrival order. */
export interface MultipartReader extends AsyncIterableIterator<MultipartPart> {
  /** Stops reading: cancels the rest of the request body. Same as leaving a `for await` early. */
  return(): Promise<IteratorReturnResult<undefined>>
}

/** Options the package's readers pass beside the limits. */
export interface ReaderOptions {
  /** How a part counts: as a file or a field, and its largest body. Default: by `filename`. */
  rule?: (head: PartHead, limits: Required<MultipartLimits>) => PartRule
  /** Aborts the reading (the router passes the request's signal). */
  signal?: AbortSignal
}

const RESOLVED = Promise.resolve()
const DONE_RESULT: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

/**
 * `createMultipartReader(request, boundary, limits, options)` reads `request`'s multipart body
 * lazily: the request is read one chunk at a time, only when the consumer asks for the next part
 * or the next bytes of the current part. A part left unread is skipped (its bytes read and
 * dropped, limits still counted) when the consumer moves on. On any error the request body is
 * cancelled and every later call fails with the same error.
 */
export function createMultipartReader(
  request: Request,
  boundary: string,
  limits: MultipartLimits = {},
  options: ReaderOptions = {},
): MultipartReader {
  const resolved = resolveLimits(limits)
  const refused = readRefusal(request)
  if (refused !== undefined) throw refused
  refuseDeclaredOver(request, resolved.bodySize)
  const asField: PartRule = { file: false, maxSize: resolved.fieldSize }
  const asFile: PartRule = { file: true, maxSize: resolved.fileSize }
  const rule =
    options.rule ?? ((head: PartHead): PartRule => (head.filename === undefined ? asField : asFile))

  const queue = new PartQueue()
  let current: SourcePart | undefined
  let failure: { error: unknown } | undefined
  let finished = false
  let eof = false
  let filling: Promise<void> | undefined
  const body = request.body
  const reader = body?.getReader()

  const charset = new FormCharset()
  const parser = createMultipartParser(boundary, resolved, (h) => rule(h, resolved), {
    start(h) {
      const source = new HubSource(hub)
      const part = new SourcePart(charset.start(h), source)
      source.part = part
      queue.push(part)
    },
    data(chunk) {
      charset.data(chunk)
      queue.push(chunk)
    },
    end() {
      charset.end()
      queue.push(END)
    },
    done: () => queue.push(DONE),
  })

  const signal = options.signal
  const onAbort = () => fail(signal?.reason ?? new Error('aborted'))
  signal?.addEventListener('abort', onAbort, { once: true })
  if (signal?.aborted) onAbort()

  function fail(error: unknown): void {
    if (failure) return
    failure = { error }
    signal?.removeEventListener('abort', onAbort)
    queue.clear()
    reader?.cancel(error).catch(() => {})
  }

  /**
   * Feeds the parser one more chunk of the request (or its end); one read at a time, shared by
   * concurrent callers (a part's body and `next`). Plain promise callbacks rather than async
   * functions: this runs once per chunk of the request, and each async layer is a promise more.
   */
  function fill(): Promise<void> {
    if (filling) return filling
    if (eof || failure) return RESOLVED
    if (!reader) {
      eof = true
      feed(() => parser.end())
      return RESOLVED
    }
    filling = reader.read().then(onRead, onReadError)
    return filling
  }

  function onRead(result: ReadableStreamReadResult<Uint8Array>): void {
    filling = undefined
    if (failure) return
    if (result.done) {
      eof = true
      feed(() => parser.end())
    } else {
      const chunk = result.value
      feed(() => parser.write(chunk))
    }
  }

  function onReadError(error: unknown): void {
    filling = undefined
    fail(readFailure(error, signal))
  }

  function feed(run: () => void): void {
    try {
      run()
    } catch (error) {
      fail(error)
    }
  }

  /** The next event of `part` already parsed: a chunk, `null` at its end, `undefined` if none. */
  function take(part: SourcePart): Uint8Array | null | undefined {
    if (failure) throw failure.error
    if (part !== current) {
      throw new PartSkippedError(`the reader moved past part "${part.name}" before it was read`)
    }
    const event = queue.shift()
    if (event === undefined) return undefined
    if (event === END) {
      current = undefined
      return null
    }
    return event as Uint8Array
  }

  function readChunk(part: SourcePart): Promise<Uint8Array | null> {
    let got: Uint8Array | null | undefined
    try {
      got = take(part)
    } catch (error) {
      return Promise.reject(error)
    }
    return got === undefined ? fill().then(() => readChunk(part)) : Promise.resolve(got)
  }

  const hub: PartHub = { take, fill, read: readChunk, passed: (part) => part !== current }

  function next(): Promise<IteratorResult<MultipartPart, undefined>> {
    // Skip what is left of the current part: its events come first in the queue.
    current = undefined
    for (;;) {
      // Finished first: after `return()` the reader is done, whatever the cancelled read left.
      if (finished) return Promise.resolve(DONE_RESULT)
      if (failure) return Promise.reject(failure.error)
      const event = queue.shift()
      if (event === undefined) return fill().then(next)
      if (event === DONE) return finish()
      if (event instanceof SourcePart) {
        current = event
        return Promise.resolve({ done: false, value: event })
      }
    }
  }

  async function finish(): Promise<IteratorResult<MultipartPart, undefined>> {
    // Read the epilogue too, so the connection can carry another request (RFC 9112 §9.3).
    while (!eof && !failure) await fill()
    if (failure) throw failure.error
    finished = true
    signal?.removeEventListener('abort', onAbort)
    reader?.releaseLock()
    return DONE_RESULT
  }

  const iterator: MultipartReader = {
    next,
    async return() {
      if (!finished) {
        finished = true
        current = undefined
        const open = failure === undefined
        fail(new Error('the multipart reader was closed before the end of the body'))
        // A failure stays set: the cancel ends a read still pending for a part as done (WHATWG
        // Streams ReadableStreamCancel), which must not pass for the end of the body and fail
        // with a 400 `truncated` the client never caused. Parts read from now on were moved past.
        if (open)
          failure = {
            error: new PartSkippedError('the reader was closed before the part was read'),
          }
      }
      return DONE_RESULT
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
  return iterator
}
