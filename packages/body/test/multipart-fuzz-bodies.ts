// Random multipart bodies for the differential fuzz (src/lib/multipart-fuzz.test.ts), and the
// reference parser they are checked against: RFC 2046 §5.1.1 read literally, on whole bodies.
import type { MultipartLimits } from '../src/index.js'
import { join } from './helpers.js'

export type Random = () => number

const encoder = new TextEncoder()
export const bytesOf = (s: string) => encoder.encode(s)
export const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')

/** A part as both sides report it: content as latin1 so any bytes compare. */
export interface Seen {
  name: string
  filename: string | undefined
  type: string
  content: string
}

/** A generated body and what it holds. */
export interface Sample {
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
export const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
export const int = (r: Random, max: number) => Math.floor(r() * (max + 1))

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

export function sampleOf(r: Random): Sample {
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

/** A part as the reference parser reads it, with the size of its header section. */
export interface ReferencePart extends Seen {
  /** Bytes of the header section, its blank line included. */
  headerBytes: number
  /** Header field lines. */
  pairs: number
}

/** `referenceParse(body, boundary)` is the parts of a well-formed `body`; it throws otherwise. */
export function referenceParse(body: Uint8Array, boundary: string): ReferencePart[] {
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
  const parts: ReferencePart[] = []
  for (const segment of segments) {
    if (segment.subarray(0, 2).toString() === '--') return parts
    let i = 0
    while (segment[i] === 0x20 || segment[i] === 0x09) i++
    if (segment.subarray(i, i + 2).toString() !== '\r\n') throw new Error('reference: delimiter')
    const rest = segment.subarray(i + 2)
    const blank = rest.subarray(0, 2).toString() === '\r\n' ? 0 : rest.indexOf('\r\n\r\n')
    if (blank === -1) throw new Error('reference: header section')
    const headers = new Map<string, string>()
    const lines = rest.subarray(0, blank).toString('utf8').split('\r\n').filter(Boolean)
    for (const line of lines) {
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
      headerBytes: blank === 0 ? 2 : blank + 4,
      pairs: lines.length,
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

/** The 413 problem a reader must answer, as compared. */
export interface LimitProblem {
  status: 413
  limit: keyof MultipartLimits
  max: number
  field?: string
}

/**
 * `firstLimit(parts, limits)` is the limit the parts cross first in body order, or `undefined`:
 * a header section is measured before the part is counted, its fields and disposition read
 * before it counts as a file, then its content is measured. (Not `bodySize`: when that is seen
 * depends on the chunking.)
 */
export function firstLimit(
  parts: readonly ReferencePart[],
  limits: Required<Omit<MultipartLimits, 'bodySize'>>,
): LimitProblem | undefined {
  const over = (limit: keyof MultipartLimits, max: number, field?: string): LimitProblem =>
    field === undefined ? { status: 413, limit, max } : { status: 413, limit, max, field }
  let count = 0
  let files = 0
  for (const p of parts) {
    if (p.headerBytes > limits.headerSize) return over('headerSize', limits.headerSize)
    if (++count > limits.parts) return over('parts', limits.parts)
    if (p.pairs > limits.headerPairs) return over('headerPairs', limits.headerPairs)
    const isFile = p.filename !== undefined
    if (isFile && ++files > limits.files) return over('files', limits.files)
    const [limit, max] = isFile ? ['fileSize', limits.fileSize] : ['fieldSize', limits.fieldSize]
    if (p.content.length > max) return over(limit as keyof MultipartLimits, max, p.name)
  }
  return undefined
}

/**
 * `tightLimits(r, parts)` is a set of limits, each at the default or at the size of one of the
 * parts (so at its value) or one under it (so one over).
 */
export function tightLimits(
  r: Random,
  parts: readonly ReferencePart[],
): Required<Omit<MultipartLimits, 'bodySize'>> {
  const near = (fallback: number, sizes: number[]) =>
    sizes.length === 0 || r() < 0.4 ? fallback : Math.max(0, pick(r, sizes) - int(r, 1))
  const files = parts.filter((p) => p.filename !== undefined)
  const fields = parts.filter((p) => p.filename === undefined)
  return {
    parts: near(
      1000,
      parts.map((_, i) => i + 1),
    ),
    files: near(
      20,
      files.map((_, i) => i + 1),
    ),
    headerSize: near(
      8192,
      parts.map((p) => p.headerBytes),
    ),
    headerPairs: near(
      32,
      parts.map((p) => p.pairs),
    ),
    fieldSize: near(
      1024 * 1024,
      fields.map((p) => p.content.length),
    ),
    fileSize: near(
      16 * 1024 * 1024,
      files.map((p) => p.content.length),
    ),
  }
}
