// Differential fuzz: seeded random multipart bodies, cut into random chunks, read by the package's
// readers and by a reference parser written here from RFC 2046 §5.1.1 (split on the full
// delimiter); both must agree. Corrupted bodies must fail with a 400 or 413 problem, never succeed
// and never hang. Deterministic (fixed seeds) and bounded: a few hundred small bodies.
import { describe, expect, it } from 'vitest'
import { contextOf, join, postOf, prng, streamOf } from '../../test/helpers.js'
import type { MultipartLimits } from './limits.js'
import { multipart } from './multipart.js'
import { field, file, type MultipartFields } from './multipart-fields.js'
import type { MultipartPart } from './multipart-part.js'
import { parseMultipart } from './parse-multipart.js'

type Random = () => number

const encoder = new TextEncoder()
const bytesOf = (s: string) => encoder.encode(s)
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')

/** A part as both sides report it: content as latin1 so any bytes compare. */
interface Seen {
  name: string
  filename: string | undefined
  type: string
  content: string
}

/** A generated body and what it holds. */
interface Sample {
  boundary: string
  contentType: string
  body: Uint8Array
  parts: Seen[]
  /** Offset just after the close delimiter's `--`: any cut before it is a truncation. */
  closeEnd: number
  /** Offsets of each part's Content-Disposition colon (for the "no colon" corruption). */
  colons: number[]
  /** Offsets of each part's content, start and end. */
  contents: [number, number][]
}

const BCHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'()+_,-./:=? "
const TOKEN_ONLY = /^[0-9A-Za-z'+_\-.]+$/
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const int = (r: Random, max: number) => Math.floor(r() * (max + 1))

function boundaryOf(r: Random): string {
  const length = pick(r, [1, 2, 3, 8, 16, 40, 70])
  let b = ''
  for (let i = 0; i < length; i++) b += pick(r, r() < 0.3 ? ['-', '=', '_'] : [...BCHARS])
  // RFC 2046 §5.1.1: the last character is not a space.
  return b.endsWith(' ') ? `${b.slice(0, -1)}x` : b
}

/** Content made to trouble a delimiter search: near-delimiters, CR, LF, dashes, random bytes. */
function contentOf(r: Random, boundary: string, binary: boolean): Uint8Array {
  const pieces: Uint8Array[] = []
  const delimiter = `\r\n--${boundary}`
  for (let n = int(r, 6); n > 0; n--) {
    const roll = r()
    if (roll < 0.3) pieces.push(bytesOf(delimiter.slice(0, 1 + int(r, delimiter.length - 2))))
    else if (roll < 0.4) pieces.push(bytesOf(`--${boundary}`))
    else if (roll < 0.55) pieces.push(bytesOf(pick(r, ['\r', '\n', '\r\n', '--', '-', '\r\n\r\n'])))
    else if (roll < 0.7) pieces.push(bytesOf(pick(r, ['héllo', '東京', '🙂', ' ', 'a=b; c'])))
    else if (binary) pieces.push(Uint8Array.from({ length: int(r, 40) }, () => int(r, 255)))
    else pieces.push(bytesOf('x'.repeat(int(r, 300))))
  }
  return join(pieces)
}

const NAMES = ['a', 'title', 'título', '写真', 'with space', 'semi;colon', 'eq=', 'q"uote', 'x.y']
const FILENAMES = ['a.txt', '東京 タワー.jpg', 'photo.PNG', '', 'dir/inner.bin', 'q"uote.txt']
const TYPES = [
  undefined,
  'text/plain',
  'image/png',
  'Application/Octet-Stream',
  'text/plain; charset=utf-8',
  'application/json;x="a;b"',
]

/** The Content-Disposition line of a part, spelled in one of the ways clients spell it. */
function dispositionOf(r: Random, name: string, filename: string | undefined): string {
  const quote = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
  const browser = !name.includes('"') && !(filename ?? '').includes('"')
  const style = browser ? int(r, 4) : 1 + int(r, 3)
  const header = pick(r, ['Content-Disposition', 'content-disposition', 'CONTENT-DISPOSITION'])
  if (style === 0) {
    // WHATWG HTML §4.10.21.8 exactly.
    const file = filename === undefined ? '' : `; filename="${filename}"`
    return `Content-Disposition: form-data; name="${name}"${file}`
  }
  const params = [`name=${TOKEN_ONLY.test(name) && r() < 0.5 ? name : quote(name)}`]
  if (filename !== undefined) {
    if (style === 3 && filename !== '') {
      // RFC 8187: filename* wins over a fallback filename.
      const encoded = [...bytesOf(filename)].map((b) => `%${b.toString(16).padStart(2, '0')}`)
      params.push('filename="fallback"', `filename*=UTF-8''${encoded.join('')}`)
    } else params.push(`filename=${quote(filename)}`)
  }
  if (r() < 0.3) params.push('x-extra=1')
  if (r() < 0.5) params.reverse()
  const sep = pick(r, ['; ', ';', ' ;  '])
  return `${header}:${pick(r, [' ', '', '\t '])}${pick(r, ['form-data', 'Form-Data'])}${sep}${params.join(sep)}`
}

function sampleOf(r: Random): Sample {
  for (;;) {
    const boundary = boundaryOf(r)
    const quoted = !TOKEN_ONLY.test(boundary) || r() < 0.3
    const contentType = `multipart/form-data; boundary=${quoted ? `"${boundary}"` : boundary}`
    const pieces: Uint8Array[] = []
    const parts: Seen[] = []
    const colons: number[] = []
    const contents: [number, number][] = []
    let at = 0
    const push = (b: Uint8Array) => {
      pieces.push(b)
      at += b.length
    }
    if (r() < 0.2) push(bytesOf(pick(r, ['preamble\r\n', 'x', '\r\n', `--${boundary}x\r\n`])))
    // Names are either always fields or always files, so the typed record can declare them.
    const kinds = new Map<string, boolean>()
    for (let n = r() < 0.1 ? 0 : 1 + int(r, 4); n > 0; n--) {
      const name = pick(r, NAMES)
      const isFile = kinds.get(name) ?? r() < 0.4
      kinds.set(name, isFile)
      const filename = isFile ? pick(r, FILENAMES) : undefined
      const type = pick(r, TYPES)
      const padding = r() < 0.15 ? pick(r, [' ', '\t', ' \t ']) : ''
      const disposition = dispositionOf(r, name, filename)
      let head = `${at === 0 ? '' : '\r\n'}--${boundary}${padding}\r\n`
      colons.push(at + bytesOf(head).length + disposition.indexOf(':'))
      head += `${disposition}\r\n`
      if (type) head += `${pick(r, ['Content-Type', 'content-type'])}: ${type}\r\n`
      if (r() < 0.2) head += 'X-Extra: é\r\n'
      push(bytesOf(`${head}\r\n`))
      const content = contentOf(r, boundary, isFile)
      contents.push([at, at + content.length])
      push(content)
      parts.push({
        name,
        filename:
          filename === undefined ? undefined : filename.slice(filename.lastIndexOf('/') + 1),
        type: type
          ? type.split(';')[0]!.toLowerCase()
          : isFile
            ? 'application/octet-stream'
            : 'text/plain',
        content: latin1(content),
      })
    }
    push(bytesOf(`${at === 0 ? '' : '\r\n'}--${boundary}--`))
    const closeEnd = at
    if (r() < 0.3) push(bytesOf(pick(r, ['\r\n', `\r\n--${boundary}\r\nepilogue`, 'x'])))
    const body = join(pieces)
    // Keep only bodies whose delimiters are where they were put (content may not hold one).
    const expected = parts.length + 1
    if (delimiterOffsets(body, boundary).filter((o) => o < closeEnd).length === expected) {
      return { boundary, contentType, body, parts, closeEnd, colons, contents }
    }
  }
}

// ---- The reference parser: RFC 2046 §5.1.1 read literally, on whole bodies, without limits. ----

/** Offsets in `body` where a delimiter (CRLF `--` boundary; the first without CRLF) starts. */
function delimiterOffsets(body: Uint8Array, boundary: string): number[] {
  const hay = Buffer.concat([Buffer.from('\r\n'), body])
  const needle = Buffer.from(`\r\n--${boundary}`)
  const out: number[] = []
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) {
    out.push(Math.max(0, i - 2))
  }
  return out
}

function referenceParse(body: Uint8Array, boundary: string): Seen[] {
  const hay = Buffer.concat([Buffer.from('\r\n'), body])
  const needle = Buffer.from(`\r\n--${boundary}`)
  const segments: Buffer[] = []
  let at = hay.indexOf(needle)
  if (at === -1) throw new Error('reference: no delimiter')
  for (;;) {
    const next = hay.indexOf(needle, at + needle.length)
    segments.push(hay.subarray(at + needle.length, next === -1 ? hay.length : next))
    if (next === -1) break
    at = next
  }
  const parts: Seen[] = []
  for (const segment of segments) {
    if (segment.subarray(0, 2).toString() === '--') return parts
    let i = 0
    while (segment[i] === 0x20 || segment[i] === 0x09) i++
    if (segment.subarray(i, i + 2).toString() !== '\r\n') throw new Error('reference: delimiter')
    const rest = segment.subarray(i + 2)
    const blank = rest.subarray(0, 2).toString() === '\r\n' ? 0 : rest.indexOf('\r\n\r\n')
    if (blank === -1) throw new Error('reference: header section')
    const headers = new Map<string, string>()
    for (const line of rest.subarray(0, blank).toString('utf8').split('\r\n').filter(Boolean)) {
      const colon = line.indexOf(':')
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
    }
    const content = rest.subarray(blank === 0 ? 2 : blank + 4)
    const params = dispositionParams(headers.get('content-disposition')!)
    const star = params.get('filename*')
    const raw = star ? decodeURIComponent(star.replace(/^UTF-8''/i, '')) : params.get('filename')
    const filename = raw?.slice(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1)
    const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
    parts.push({
      name: params.get('name')!,
      filename,
      type: type ?? (filename === undefined ? 'text/plain' : 'application/octet-stream'),
      content: latin1(content),
    })
  }
  throw new Error('reference: no close delimiter')
}

/** `name=value` parameters after the disposition type; values are tokens or quoted strings. */
function dispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>()
  const re = /;\s*([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g
  for (const m of value.matchAll(re)) {
    params.set(
      m[1]!.toLowerCase(),
      m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim(),
    )
  }
  return params
}

// ---- Harness ----

/**
 * Random cuts: one byte each, whole, or mostly 1 to a delimiter's length (so delimiters straddle
 * chunks) and some large; sometimes as Node `Buffer`s (pooled views at an offset) and with empty
 * chunks between, as some sources deliver.
 */
function chunksOf(r: Random, body: Uint8Array, boundary: string): Uint8Array[] {
  const mode = r()
  const buffers = r() < 0.3
  const empties = r() < 0.2
  const span = boundary.length + 6
  const out: Uint8Array[] = []
  for (let i = 0; i < body.length; ) {
    const size =
      mode < 0.15 ? 1 : mode < 0.3 ? body.length : r() < 0.8 ? 1 + int(r, span) : 1 + int(r, 2000)
    const piece = body.slice(i, i + size)
    out.push(buffers ? Buffer.from(piece) : piece)
    if (empties && r() < 0.3) out.push(new Uint8Array(0))
    i += size
  }
  return out
}

/** Rejects with "hang" when `promise` does not settle: a guard for the harness, not a timing test. */
function guarded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what}`)), 10_000)
  })
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer))
}

async function readAll(part: MultipartPart, how: number): Promise<Uint8Array | undefined> {
  if (how === 0) return undefined // left unread: the reader skips it
  if (how === 1) return part.bytes()
  const chunks: Uint8Array[] = []
  const reader = part.body.getReader()
  for (let c = await reader.read(); !c.done; c = await reader.read()) chunks.push(c.value)
  return join(chunks)
}

/**
 * The parts `parseMultipart` or `multipart.stream` reads, each body read whole, as a stream, or
 * left unread.
 */
async function viaReader(r: Random, request: Request, limits?: MultipartLimits) {
  const out: (Seen & { unread?: true })[] = []
  const parts =
    r() < 0.5
      ? parseMultipart(request, limits)
      : await multipart.stream(limits).parse(request, contextOf(request))
  for await (const part of parts) {
    const content = await readAll(part, int(r, 2))
    const seen = { name: part.name, filename: part.filename, type: part.type }
    out.push(
      content ? { ...seen, content: latin1(content) } : { ...seen, content: '', unread: true },
    )
  }
  return out
}

/** The parts `multipart({ fields })` reads, by declared name, in order within each name. */
async function viaRecord(sample: Sample, request: Request, limits?: MultipartLimits) {
  const fields: MultipartFields = {}
  for (const p of sample.parts) {
    fields[p.name] =
      p.filename === undefined
        ? field({ multiple: true })
        : file({ memory: true, multiple: true, optional: true })
  }
  const spec = multipart({ fields, limits })
  const record = (await spec.parse(request, contextOf(request))) as Record<string, unknown>
  const out: Record<string, Seen[]> = {}
  for (const [name, values] of Object.entries(record)) {
    out[name] = []
    for (const v of values as (string | MultipartPart)[]) {
      out[name]!.push(
        typeof v === 'string'
          ? { name, filename: undefined, type: '', content: latin1(bytesOf(v)) }
          : { name, filename: v.filename, type: v.type, content: latin1(await v.bytes()) },
      )
    }
  }
  return out
}

/** What the typed record should hold: fields as text, no entry for an empty file input. */
function recordOf(parts: readonly Seen[]): Record<string, Seen[]> {
  const out: Record<string, Seen[]> = {}
  for (const p of parts) {
    out[p.name] ??= []
    if (p.filename === '' && p.content === '') continue
    out[p.name]!.push(p.filename === undefined ? { ...p, type: '' } : p)
  }
  return out
}

const requestOf = (r: Random, s: Sample, body = s.body) =>
  postOf(streamOf(chunksOf(r, body, s.boundary)), s.contentType)

describe('multipart differential fuzz', () => {
  it('reads 250 random bodies in random chunkings as the reference parser does', async () => {
    const r = prng(0x5eed)
    for (let n = 0; n < 250; n++) {
      const s = sampleOf(r)
      const reference = referenceParse(s.body, s.boundary)
      // The reference agrees with how the body was built, so it can be trusted below.
      expect(reference).toEqual(s.parts)
      const label = `sample ${n}, boundary ${JSON.stringify(s.boundary)}`
      const got = await guarded(viaReader(r, requestOf(r, s)), label)
      expect({ label, got }).toEqual({
        label,
        got: reference.map((p, i) => (got[i]?.unread ? { ...p, content: '', unread: true } : p)),
      })
      const record = await guarded(viaRecord(s, requestOf(r, s)), label)
      expect({ label, record }).toEqual({ label, record: recordOf(reference) })
    }
  })

  const CORRUPTIONS: [string, (r: Random, s: Sample) => [Uint8Array, MultipartLimits?], object][] =
    [
      [
        'cut anywhere before the end of the close delimiter',
        (r, s) => [s.body.slice(0, int(r, s.closeEnd - 1))],
        { status: 400, defect: 'truncated' },
      ],
      [
        'without its close delimiter',
        (_, s) => [join([s.body.slice(0, s.closeEnd - 2), bytesOf('\r\n')])],
        { status: 400, defect: 'truncated' },
      ],
      [
        'with a delimiter inside content, followed by other text than CRLF or "--"',
        (r, s) => {
          const [start, end] = pick(r, s.contents)
          const at = start + int(r, end - start)
          const bad = bytesOf(`\r\n--${s.boundary}${pick(r, ['x', '-x', ' x', '\rx', '\n'])}`)
          return [join([s.body.subarray(0, at), bad, s.body.subarray(at)])]
        },
        { status: 400, defect: 'delimiter' },
      ],
      [
        'a header line without a colon',
        (r, s) => {
          const body = s.body.slice()
          body[pick(r, s.colons)] = 0x20
          return [body]
        },
        { status: 400, defect: 'header' },
      ],
      [
        'a header section over headerSize',
        (r, s) => {
          const body = Buffer.from(s.body)
          const colon = pick(r, s.colons)
          const line = body.lastIndexOf('\r\n', colon) + 2
          const pad = bytesOf(`X-Pad: ${'p'.repeat(200 + int(r, 3000))}\r\n`)
          return [join([body.subarray(0, line), pad, body.subarray(line)]), { headerSize: 200 }]
        },
        { status: 413, limit: 'headerSize', max: 200 },
      ],
    ]

  it.each(CORRUPTIONS)(
    'fails a body %s with a problem, never a hang',
    async (_, corrupt, problem) => {
      const r = prng(0xbad)
      for (let n = 0; n < 40; n++) {
        let s = sampleOf(r)
        while (s.parts.length === 0) s = sampleOf(r)
        const [body, limits] = corrupt(r, s)
        const label = `sample ${n}, boundary ${JSON.stringify(s.boundary)}`
        for (const read of [
          () => viaReader(r, requestOf(r, s, body), limits),
          () => viaRecord(s, requestOf(r, s, body), limits),
        ]) {
          const outcome = await guarded(
            read().then(
              (value) => ({ value }),
              (e) => ({ status: e.status, ...e.fields, detail: undefined }),
            ),
            label,
          )
          expect({ label, outcome }).toEqual({ label, outcome: { ...problem, detail: undefined } })
        }
      }
    },
  )
})
