// The multipart bodies the benchmark parses, generated chunk by chunk as they are read: every
// chunk is a fresh 64 KiB buffer (as a socket delivers), so a parser that holds on to chunks
// shows it in memory, and nothing is allocated in advance beyond one 64 KiB pattern.

export const BOUNDARY = '----FerryBenchBoundary7MA4YWxkTrZu0gW'
export const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`
export const CHUNK = 64 * 1024
const MiB = 1024 * 1024
const encoder = new TextEncoder()

/** A run of bytes: `bytes` repeated `repeat` times; `content` when it is part content. */
interface Piece {
  readonly bytes: Uint8Array
  readonly repeat: number
  readonly content: boolean
  /** Whether it is a part's delimiter and header section. */
  readonly head?: boolean
}

/** One benchmark body: its pieces, and what a correct parser must report. */
export interface BodyCase {
  readonly name: string
  readonly size: number
  readonly parts: number
  /** Bytes of content over all parts, and their sum (mod 2^32) as a check. */
  readonly contentBytes: number
  readonly contentSum: number
  chunks(): Generator<Uint8Array>
}

const text = (s: string): Piece => ({ bytes: encoder.encode(s), repeat: 1, content: false })
const headPiece = (s: string): Piece => ({ ...text(s), head: true })
const contentText = (s: string): Piece => ({ bytes: encoder.encode(s), repeat: 1, content: true })

function headOf(name: string, filename?: string, first = false): Piece {
  const lead = first ? '' : '\r\n'
  return headPiece(
    `${lead}--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"` +
      (filename ? `; filename="${filename}"\r\nContent-Type: application/octet-stream` : '') +
      '\r\n\r\n',
  )
}

/** 64 KiB of seeded pseudo-random bytes: every byte value, CR and LF included. */
function randomBlock(): Uint8Array {
  const out = new Uint8Array(CHUNK)
  let a = 0x9e3779b9
  for (let i = 0; i < out.length; i++) {
    a ^= a << 13
    a ^= a >>> 17
    a ^= a << 5
    out[i] = a & 0xff
  }
  return out
}

/** 64 KiB of near misses: CRLF, dashes and ever longer prefixes of the boundary, then a wrong byte. */
function nearBoundaryBlock(): Uint8Array {
  const out = new Uint8Array(CHUNK)
  const delimiter = encoder.encode(`\r\n--${BOUNDARY}`)
  let at = 0
  let n = 1
  while (at < out.length) {
    const len = Math.min(n, delimiter.length - 1, out.length - at)
    out.set(delimiter.subarray(0, len), at)
    at += len
    if (at < out.length) out[at++] = 0x78
    n = n >= delimiter.length - 1 ? 1 : n + 1
  }
  return out
}

function make(name: string, pieces: Piece[]): BodyCase {
  let size = 0
  let parts = 0
  let contentBytes = 0
  let contentSum = 0
  for (const p of pieces) {
    size += p.bytes.length * p.repeat
    if (p.content) {
      contentBytes += p.bytes.length * p.repeat
      let s = 0
      for (const b of p.bytes) s += b
      contentSum = (contentSum + s * p.repeat) >>> 0
    } else if (p.head) parts++
  }
  return {
    name,
    size,
    parts,
    contentBytes,
    contentSum,
    *chunks() {
      // allocUnsafeSlow: a fresh, unpooled buffer without zero-filling, as a socket read gives.
      let out: Uint8Array = Buffer.allocUnsafeSlow(CHUNK)
      let at = 0
      for (const p of pieces) {
        for (let r = 0; r < p.repeat; r++) {
          let from = 0
          while (from < p.bytes.length) {
            const n = Math.min(p.bytes.length - from, CHUNK - at)
            out.set(p.bytes.subarray(from, from + n), at)
            at += n
            from += n
            if (at === CHUNK) {
              yield out
              out = Buffer.allocUnsafeSlow(CHUNK)
              at = 0
            }
          }
        }
      }
      if (at > 0) yield out.subarray(0, at)
    },
  }
}

const tail = () => text(`\r\n--${BOUNDARY}--\r\n`)
const block = (bytes: Uint8Array, mib: number): Piece => ({
  bytes,
  repeat: (mib * MiB) / CHUNK,
  content: true,
})

/** The four bodies of the issue: one big file, many small fields, ten files, near-boundary data. */
export function bodyCases(): BodyCase[] {
  const random = randomBlock()
  const fields: Piece[] = []
  for (let i = 0; i < 1000; i++) {
    fields.push(headOf(`field${i}`, undefined, i === 0), contentText(`value number ${i}`))
  }
  const files: Piece[] = []
  for (let i = 0; i < 10; i++)
    files.push(headOf(`file${i}`, `f${i}.bin`, i === 0), block(random, 10))
  return [
    make('one 100 MiB file', [headOf('file', 'big.bin', true), block(random, 100), tail()]),
    make('1,000 small fields', [...fields, tail()]),
    make('10 files of 10 MiB', [...files, tail()]),
    make('64 MiB of near-boundary bytes', [
      headOf('file', 'near.bin', true),
      block(nearBoundaryBlock(), 64),
      tail(),
    ]),
  ]
}

/** `webStream(body, onPull)` is the body as a pull web stream; `onPull` runs before each chunk. */
export function webStream(body: BodyCase, onPull?: () => void): ReadableStream<Uint8Array> {
  const it = body.chunks()
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onPull?.()
        const next = it.next()
        if (next.done) controller.close()
        else controller.enqueue(next.value)
      },
    },
    { highWaterMark: 0 },
  )
}

/** `requestOf(body, onPull)` is a POST request streaming the body. */
export function requestOf(body: BodyCase, onPull?: () => void): Request {
  return new Request('http://bench.local/upload', {
    method: 'POST',
    body: webStream(body, onPull),
    headers: { 'content-type': CONTENT_TYPE },
    duplex: 'half',
  } as RequestInit)
}
