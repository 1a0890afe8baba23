import { malformed } from './errors.js'

/** The parts of a `Content-Disposition` header that multipart/form-data uses (RFC 7578 §4.2). */
export interface Disposition {
  /** The field name. */
  readonly name: string
  /** The file name, decoded and stripped of path components, or `undefined` when not a file. */
  readonly filename: string | undefined
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * `parseDisposition(value)` is the name and filename in a part's `Content-Disposition`, which must
 * be `form-data` with a `name` (RFC 7578 §4.2), each parameter at most once; otherwise it throws a
 * 400 `disposition`. `filename*` (RFC 8187, UTF-8 or ISO-8859-1) wins over `filename`.
 */
export function parseDisposition(value: string | undefined): Disposition {
  if (value === undefined) {
    throw malformed('disposition', 'a part has no Content-Disposition header')
  }
  const params = browserParams(value) ?? parseParams(value)
  if (params === undefined || params.type !== 'form-data') {
    throw malformed(
      'disposition',
      `a part's Content-Disposition is not one valid form-data value: ${clip(value)}`,
    )
  }
  if (params.name === undefined) {
    throw malformed('disposition', `a part's Content-Disposition has no name: ${clip(value)}`)
  }
  let filename = params.filename
  if (params.extended !== undefined) {
    filename = decodeExtended(params.extended)
    if (filename === undefined) {
      throw malformed(
        'disposition',
        `a part's filename* is not valid RFC 8187: ${clip(params.extended)}`,
      )
    }
  }
  return {
    name: params.name,
    filename: filename === undefined ? undefined : safeFilename(filename),
  }
}

/**
 * `safeFilename(raw)` is the last path component of `raw` (after `/` or `\`), with control
 * characters removed; `.` and `..` become empty. A client's path never reaches the handler.
 */
export function safeFilename(raw: string): string {
  const base = raw.slice(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '')
  return clean === '.' || clean === '..' ? '' : clean
}

/** The disposition type and the three parameters form-data uses (each at most once). */
interface Params {
  type: string
  name: string | undefined
  filename: string | undefined
  extended: string | undefined
}

// What browsers send (WHATWG HTML §4.10.21.8: `"`, CR and LF percent-encoded, no escapes).
const BROWSER = /^form-data; name="([^"\\]*)"(?:; filename="([^"\\]*)")?$/

/** The parameters of a value spelled as browsers do, read in one match; `undefined` otherwise. */
function browserParams(value: string): Params | undefined {
  const m = BROWSER.exec(value)
  return m ? { type: 'form-data', name: m[1], filename: m[2], extended: undefined } : undefined
}

/** Parses `type *(; name=value)` where a value is a token or a quoted string (RFC 9110 §5.6.6). */
function parseParams(value: string): Params | undefined {
  const semi = value.indexOf(';')
  // What browsers send is spelled exactly so: skip the case folding for it.
  const type = value.startsWith('form-data;')
    ? 'form-data'
    : (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase()
  const params: Params = { type, name: undefined, filename: undefined, extended: undefined }
  let i = semi
  while (i !== -1 && i < value.length) {
    i++
    const eq = value.indexOf('=', i)
    if (eq === -1) return value.slice(i).trim() === '' ? params : undefined
    let name = value.slice(i, eq).trim()
    if (name !== 'name' && name !== 'filename') {
      name = name.toLowerCase()
      if (!TOKEN.test(name)) return undefined
    }
    let j = eq + 1
    while (value[j] === ' ' || value[j] === '\t') j++
    let v: string
    if (value[j] === '"') {
      const close = closingQuote(value, j + 1)
      if (close === -1) return undefined
      v = value.slice(j + 1, close)
      // Browsers do not escape `\` in filenames (WHATWG HTML §4.10.21.8 percent-encodes `"`
      // instead), so only `\"` and `\\` are escapes and a Windows path keeps its separators.
      if (v.includes('\\')) v = v.replace(/\\(["\\])/g, '$1')
      j = close + 1
      while (value[j] === ' ' || value[j] === '\t') j++
      // Only `;` or the end may follow (RFC 9110 §5.6.6): `name="a", attachment` is what a second
      // Content-Disposition field would leave, and `name="a"x` no client sends.
      if (j < value.length && value[j] !== ';') return undefined
    } else {
      const end = value.indexOf(';', j)
      v = (end === -1 ? value.slice(j) : value.slice(j, end)).trim()
      // An unquoted value is a token (RFC 9110 §5.6.6), as busboy also requires: `a b`, `a"b"` or
      // `a, attachment` is no value a client meant.
      if (!TOKEN.test(v)) return undefined
      j = end === -1 ? value.length : end
    }
    const key =
      name === 'name'
        ? 'name'
        : name === 'filename'
          ? 'filename'
          : name === 'filename*'
            ? 'extended'
            : ''
    if (key !== '') {
      // A repeated parameter is ambiguous: whichever one a proxy or firewall read, this would
      // read the other.
      if (params[key] !== undefined) return undefined
      params[key] = v
    }
    i = j
  }
  return params
}

/** The index of the `"` closing a quoted string whose content starts at `from`, or -1. */
function closingQuote(value: string, from: number): number {
  for (let k = value.indexOf('"', from); k !== -1; k = value.indexOf('"', k + 1)) {
    // A quote is escaped when an odd number of backslashes precede it.
    let slashes = 0
    while (value.charCodeAt(k - 1 - slashes) === 0x5c) slashes++
    if (slashes % 2 === 0) return k
  }
  return -1
}

/** Decodes an RFC 8187 `ext-value` (`charset'lang'pct-encoded`), or `undefined` when invalid. */
function decodeExtended(value: string): string | undefined {
  const match = /^([!#$%&+^_`{}~0-9A-Za-z-]+)'[^']*'(.*)$/.exec(value.trim())
  if (!match) return undefined
  const charset = match[1]!.toLowerCase()
  if (charset !== 'utf-8' && charset !== 'iso-8859-1') return undefined
  const encoded = match[2]!
  const bytes: number[] = []
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i)
    if (c === 0x25) {
      const hex = encoded.slice(i + 1, i + 3)
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else if (c < 0x80) {
      bytes.push(c)
    } else {
      return undefined
    }
  }
  try {
    return new TextDecoder(charset, { fatal: true }).decode(new Uint8Array(bytes))
  } catch {
    return undefined
  }
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 120)}...` : s
}
