import * as Search from 'multipasta/Search'
import { malformed, tooLarge } from './errors.js'
import { HeaderBuffer } from './header-buffer.js'
import type { MultipartLimits } from './limits.js'
import { type PartHead, type PartRule, readPartHead } from './part-head.js'

export type { PartHead, PartRule } from './part-head.js'

/** Receives what the parser finds, in order. */
export interface ParserSink {
  start(head: PartHead): void
  data(chunk: Uint8Array): void
  end(): void
  done(): void
}

/** A push parser for one multipart/form-data body. */
export interface MultipartParser {
  write(chunk: Uint8Array): void
  end(): void
}

enum State {
  preamble,
  delimiter,
  headers,
  body,
  done,
}

const CR = 13
const LF = 10
const DASH = 45
const CRLF = new Uint8Array([CR, LF])

/**
 * `createMultipartParser(boundary, limits, rule, sink)` is a push parser for a multipart body
 * (RFC 2046 §5.1.1, RFC 7578). multipasta's `Search` finds the delimiters; this state machine
 * reads what follows each one byte by byte and buffers header sections whole, so any chunking of
 * the input gives the same events.
 * It throws a 400 or 413 `HttpError` from `write`/`end` at the first defect or limit.
 */
export function createMultipartParser(
  boundary: string,
  limits: Required<MultipartLimits>,
  rule: (head: PartHead) => PartRule,
  sink: ParserSink,
): MultipartParser {
  let state = State.preamble
  let index = 0
  // After a delimiter: 0 expects `--`, padding or CR; 1 saw `-`; 2 in padding; 3 saw CR.
  let afterDelimiter = 0
  let total = 0
  let parts = 0
  let files = 0
  const header = new HeaderBuffer(limits.headerSize)
  let partSize = 0
  let part: PartHead | undefined
  let partRule: PartRule = { file: false, maxSize: 0 }
  // A file part with an empty filename not yet counted against `files`: a file input left empty
  // (filename "" and no content, WHATWG HTML §4.10.21.8) is no file, so it counts at its first byte.
  let uncounted = false

  function onSegment(segmentIndex: number, chunk: Uint8Array): void {
    // The rest of a chunk that held the close delimiter is epilogue, whatever it looks like.
    if (state === State.done) return
    if (segmentIndex !== index) {
      // A segment index jumps by more than one when a delimiter is directly followed by another.
      if (segmentIndex > index + 1) throw badDelimiter()
      closeSegment()
      index = segmentIndex
      state = State.delimiter
      afterDelimiter = 0
    }
    let i = 0
    if (state === State.delimiter) {
      i = readDelimiterEnd(chunk)
      if (i < 0) return
    }
    if (state === State.headers) {
      i = readHeaders(chunk, i)
      if (i < 0) return
    }
    if (state === State.body && i < chunk.length) {
      const data = i === 0 ? chunk : chunk.subarray(i)
      partSize += data.length
      if (partSize > partRule.maxSize) throw partTooLarge()
      if (uncounted) {
        uncounted = false
        countFile()
      }
      sink.data(data)
    }
  }

  function closeSegment(): void {
    if (state === State.body) sink.end()
    else if (state === State.headers) {
      throw malformed('header', `part ${parts + 1} ends inside its header section`)
    } else if (state === State.delimiter) throw badDelimiter()
  }

  /** Reads the rest of the delimiter line; the offset after it, or -1 when the chunk ran out. */
  function readDelimiterEnd(chunk: Uint8Array): number {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]
      if (afterDelimiter === 3) {
        if (byte !== LF) throw badDelimiter()
        state = State.headers
        header.reset()
        return i + 1
      }
      if (afterDelimiter === 1) {
        if (byte !== DASH) throw badDelimiter()
        state = State.done
        sink.done()
        return -1
      }
      if (byte === CR) afterDelimiter = 3
      else if (byte === 32 || byte === 9) {
        // RFC 2046 §5.1.1 transport padding: linear white space before the CRLF.
        if (afterDelimiter === 1) throw badDelimiter()
        afterDelimiter = 2
      } else if (byte === DASH && afterDelimiter === 0) afterDelimiter = 1
      else throw badDelimiter()
    }
    return -1
  }

  /** Reads the header section; the offset after it, or -1 when the chunk ran out first. */
  function readHeaders(chunk: Uint8Array, from: number): number {
    const next = header.read(chunk, from, headerTooLarge)
    if (next !== -1) startPart(header.section)
    return next
  }

  function startPart(block: Uint8Array): void {
    if (++parts > limits.parts) {
      throw tooLarge('parts', limits.parts, `the body has more than ${limits.parts} parts`)
    }
    part = readPartHead(block, parts, limits.headerPairs)
    partRule = rule(part)
    uncounted = partRule.file && part.filename === ''
    if (partRule.file && !uncounted) countFile()
    partSize = 0
    state = State.body
    sink.start(part)
  }

  function countFile(): void {
    if (++files > limits.files) {
      throw tooLarge('files', limits.files, `the body has more than ${limits.files} files`)
    }
  }

  function badDelimiter() {
    return malformed('delimiter', 'a boundary delimiter line does not end with CRLF or "--"')
  }
  function headerTooLarge() {
    return tooLarge(
      'headerSize',
      limits.headerSize,
      `part ${parts + 1} has a header section larger than ${limits.headerSize} bytes`,
    )
  }
  function partTooLarge() {
    const limit = partRule.file ? 'fileSize' : 'fieldSize'
    const what = partRule.file ? 'file' : 'field'
    return tooLarge(
      limit,
      partRule.maxSize,
      `the ${what} "${part!.name}" is larger than ${partRule.maxSize} bytes`,
      { field: part!.name },
    )
  }

  // The delimiter is CRLF "--" boundary; seeding the search with CRLF lets the first one sit at
  // the very start of the body (RFC 2046 §5.1.1: the CRLF belongs to the delimiter).
  const search = Search.make(`\r\n--${boundary}`, onSegment)
  search.write(CRLF)

  return {
    write(chunk) {
      total += chunk.length
      if (total > limits.bodySize) {
        throw tooLarge(
          'bodySize',
          limits.bodySize,
          `the body is larger than ${limits.bodySize} bytes`,
        )
      }
      // The epilogue after the close delimiter is ignored (RFC 2046 §5.1.1), but still counted.
      if (state === State.done) return
      // Node's streams deliver Buffers; on a plain view every `subarray` below is a cheap
      // typed-array view instead of a Buffer made through its constructor.
      search.write(
        chunk.constructor === Uint8Array
          ? chunk
          : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
      )
    },
    end() {
      if (state !== State.done) search.end()
      if (state === State.preamble) {
        throw malformed('truncated', 'the body has no delimiter line for its boundary')
      }
      if (state !== State.done) {
        throw malformed('truncated', 'the body ends before the close delimiter')
      }
    },
  }
}
