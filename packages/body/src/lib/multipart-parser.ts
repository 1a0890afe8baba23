import { parseMediaType } from '@ferry/router'
import * as Search from 'multipasta/Search'
import { parseDisposition } from './content-disposition.js'
import { malformed, tooLarge } from './errors.js'
import { parseHeaderSection } from './header-section.js'
import type { MultipartLimits } from './limits.js'

/** What the parser knows about a part once its header section is read. */
export interface PartHead {
  readonly name: string
  readonly filename: string | undefined
  /** The media type essence; `text/plain` by default, `application/octet-stream` for files. */
  readonly type: string
  /** The `charset` parameter of the part's Content-Type, when given. */
  readonly charset: string | undefined
  /** Header fields, names lower-cased, repeated fields joined with `, `. */
  readonly headers: Readonly<Record<string, string>>
}

/** How a part counts against the limits: as a file or a field, and its largest body. */
export interface PartRule {
  readonly file: boolean
  readonly maxSize: number
}

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
  let header = new Uint8Array(0)
  let headerLength = 0
  let partSize = 0
  let part: PartHead | undefined
  let partRule: PartRule = { file: false, maxSize: 0 }

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
        headerLength = 0
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

  /**
   * Buffers the header section (at most `headerSize` bytes, its blank line included); the offset
   * after it, or -1 when the chunk ended first.
   */
  function readHeaders(chunk: Uint8Array, from: number): number {
    if (headerLength === 0) {
      // Fast path: the whole section is in this chunk, so it is parsed where it lies.
      const end = sectionEnd(chunk, from, Math.min(chunk.length, from + limits.headerSize))
      if (end !== -1) {
        startPart(chunk.subarray(from, end))
        return end
      }
    }
    const take = Math.min(chunk.length - from, limits.headerSize - headerLength)
    if (header.length < headerLength + take) {
      const grown = new Uint8Array(
        Math.min(limits.headerSize, Math.max(256, (headerLength + take) * 2)),
      )
      grown.set(header.subarray(0, headerLength))
      header = grown
    }
    header.set(chunk.subarray(from, from + take), headerLength)
    const before = headerLength
    headerLength += take
    // An empty header section is a lone CRLF; otherwise it ends at CRLF CRLF (RFC 2046 §5.1.1).
    let end = -1
    if (headerLength >= 2 && header[0] === CR && header[1] === LF) end = 2
    else {
      for (let k = Math.max(0, before - 3); k + 3 < headerLength; k++) {
        if (
          header[k] === CR &&
          header[k + 1] === LF &&
          header[k + 2] === CR &&
          header[k + 3] === LF
        ) {
          end = k + 4
          break
        }
      }
    }
    if (end === -1) {
      if (headerLength >= limits.headerSize) throw headerTooLarge()
      return -1
    }
    startPart(header.subarray(0, end))
    return from + end - before
  }

  /**
   * The offset just after the header section that starts at `start` in `bytes` (looking no
   * further than `limit`), or -1. An empty section is a lone CRLF; otherwise it ends at CRLF CRLF
   * (RFC 2046 §5.1.1). `from` may be past `start` when earlier bytes were already scanned.
   */
  function sectionEnd(bytes: Uint8Array, from: number, limit: number): number {
    if (bytes[from] === CR && bytes[from + 1] === LF && from + 2 <= limit && headerLength === 0) {
      return from + 2
    }
    for (let k = from; k + 3 < limit; k++) {
      if (bytes[k + 3] !== LF) continue
      if (bytes[k] === CR && bytes[k + 1] === LF && bytes[k + 2] === CR) return k + 4
    }
    return -1
  }

  function startPart(block: Uint8Array): void {
    if (++parts > limits.parts) {
      throw tooLarge('parts', limits.parts, `the body has more than ${limits.parts} parts`)
    }
    const headers = parseHeaderSection(block, parts)
    const { name, filename } = parseDisposition(headers['content-disposition'])
    const media = parseMediaType(headers['content-type'])
    part = {
      name,
      filename,
      // RFC 7578 §4.4: a part without Content-Type is text/plain; browsers label files they
      // cannot type as application/octet-stream.
      type: media?.essence ?? (filename === undefined ? 'text/plain' : 'application/octet-stream'),
      charset: media?.params.charset,
      headers,
    }
    partRule = rule(part)
    if (partRule.file && ++files > limits.files) {
      throw tooLarge('files', limits.files, `the body has more than ${limits.files} files`)
    }
    partSize = 0
    state = State.body
    sink.start(part)
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
      if (state !== State.done) search.write(chunk)
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
