import { malformed, tooLarge } from './errors.js'

const decoder = new TextDecoder()

const CR = 13
const LF = 10
const COLON = 0x3a

// RFC 9110 §5.6.2 tchar, by byte (bytes from 0x80 are not tchar).
const TCHAR = new Uint8Array(256)
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TCHAR[c.charCodeAt(0)] = 1
}

// Offsets of each field line, reused between calls: name start, colon, value start, value end.
let lines = new Int32Array(64)

// Header names seen before, each as one string. A property store with a freshly built key string
// costs V8 a string-table lookup that takes microseconds on a null-prototype object; the same
// string again is cheap. Bounded, since names come from clients.
const names = new Map<string, string>()

function intern(name: string): string {
  const known = names.get(name)
  if (known !== undefined) return known
  if (names.size < 256) names.set(name, name)
  return name
}

/**
 * The record of a section's fields: it inherits no key, since its prototype is an empty object
 * with a null prototype, so `__proto__` or `constructor` is a field like any other. Made with
 * `new` rather than `Object.create(null)`: V8 keeps the latter's properties in a hash table, and
 * storing and reading them costs a part several times what a plain object's do.
 */
const FieldRecord = function FieldRecord() {} as unknown as new () => Record<string, string>
FieldRecord.prototype = Object.create(null)

const DISPOSITION = 'content-disposition'
const TYPE = 'content-type'

/** The two names every part has, matched on the bytes without building a string. */
function knownName(block: Uint8Array, from: number, to: number): string | undefined {
  const name =
    to - from === DISPOSITION.length ? DISPOSITION : to - from === TYPE.length ? TYPE : ''
  if (name === '') return undefined
  for (let k = 0; k < name.length; k++) {
    // ASCII letters fold to lower case with 0x20; the other tchars are left as they are.
    if ((block[from + k]! | 0x20) !== name.charCodeAt(k)) return undefined
  }
  return name
}

/**
 * The 400 for a second Content-Disposition or Content-Type field: neither is a list (RFC 9110
 * §5.3), so joined they would read as one value, and a proxy or firewall that took the other one
 * would see another part than the app does.
 */
function repeated(key: string, part: number) {
  return key === DISPOSITION
    ? malformed('disposition', `part ${part} has two Content-Disposition fields`)
    : malformed('header', `part ${part} has two Content-Type fields`)
}

function nameOf(block: Uint8Array, from: number, to: number): string {
  return intern(decoder.decode(block.subarray(from, to)).toLowerCase())
}

/**
 * `parseHeaderSection(block, part, maxPairs)` is the header fields of a part's header section:
 * `block` holds the whole section up to and including its blank line (`\r\n` alone when it has no
 * field). Names are lower-cased, values decoded as UTF-8 (what browsers send, WHATWG HTML
 * §4.10.21.8) with surrounding spaces and tabs removed (RFC 9110 §5.5 OWS); repeated fields are
 * joined with `, `, except Content-Disposition (400 `disposition`) and Content-Type (400 `header`),
 * which may appear once. A line without a colon, a name that is not a token (RFC 9110 §5.1, so no
 * obsolete line folding) or a control character other than HTAB in a value (RFC 9110 §5.5) is a
 * 400 `header`; more than `maxPairs` field lines is a 413 `headerPairs`.
 */
export function parseHeaderSection(
  block: Uint8Array,
  part: number,
  maxPairs = Number.POSITIVE_INFINITY,
): Record<string, string> {
  const headers = new FieldRecord()
  // The structure is checked on the bytes (every byte that matters is ASCII), and the section is
  // decoded once: with no byte over 0x7f, byte offsets are string offsets.
  const end = block.length - 2
  let count = 0
  let ascii = true
  let at = 0
  while (at < end) {
    if (count === maxPairs) {
      throw tooLarge(
        'headerPairs',
        maxPairs,
        `part ${part} has more than ${maxPairs} header fields`,
      )
    }
    const start = at
    while (TCHAR[block[at]!] === 1) at++
    if (at === start || block[at] !== COLON) {
      throw malformed('header', `part ${part} has a header line that is not "name: value"`)
    }
    const colon = at++
    // The section ends with CRLF CRLF, so every line ends with CRLF.
    for (;;) {
      const c = block[at]!
      if (c === CR && block[at + 1] === LF) break
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
        throw malformed('header', `part ${part} has a control character in a header value`)
      }
      if (c > 0x7f) ascii = false
      at++
    }
    let from = colon + 1
    let to = at
    while (from < to && (block[from] === 0x20 || block[from] === 0x09)) from++
    while (to > from && (block[to - 1] === 0x20 || block[to - 1] === 0x09)) to--
    if (lines.length < (count + 1) * 4) {
      const grown = new Int32Array(lines.length * 2)
      grown.set(lines)
      lines = grown
    }
    const k = count * 4
    lines[k] = start
    lines[k + 1] = colon
    lines[k + 2] = from
    lines[k + 3] = to
    count++
    at += 2
  }
  const text = ascii && count > 0 ? decoder.decode(block) : ''
  for (let i = 0; i < count * 4; i += 4) {
    const key =
      knownName(block, lines[i]!, lines[i + 1]!) ?? nameOf(block, lines[i]!, lines[i + 1]!)
    const value = ascii
      ? text.slice(lines[i + 2], lines[i + 3])
      : decoder.decode(block.subarray(lines[i + 2], lines[i + 3]))
    const prior = headers[key]
    if (prior === undefined) headers[key] = value
    else if (key === DISPOSITION || key === TYPE) throw repeated(key, part)
    else headers[key] = `${prior}, ${value}`
  }
  return headers
}
