import { malformed } from './errors.js'

const decoder = new TextDecoder()
// RFC 9110 §5.1: a field name is a token.
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// RFC 9110 §5.5: no control characters in a value but HTAB (a bare CR or LF, NUL, ...).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/

/**
 * `parseHeaderSection(block, part)` is the header fields of a part's header section: `block`
 * holds the whole section up to and including its blank line (`\r\n` alone when it has no field).
 * Names are lower-cased, values decoded as UTF-8 (what browsers send, WHATWG HTML §4.10.21.8) and
 * trimmed; repeated fields are joined with `, `. A line without a colon, a name that is not a
 * token (so no obsolete line folding) or a control character in a value is a 400 `header`.
 */
export function parseHeaderSection(block: Uint8Array, part: number): Record<string, string> {
  const headers: Record<string, string> = Object.create(null)
  const text = ascii(block)
    ? String.fromCharCode.apply(null, block as never)
    : decoder.decode(block)
  const end = text.length - 2
  let start = 0
  while (start < end) {
    const eol = text.indexOf('\r\n', start)
    const line = text.slice(start, eol)
    start = eol + 2
    const colon = line.indexOf(':')
    const name = colon === -1 ? '' : line.slice(0, colon)
    if (!NAME.test(name)) {
      throw malformed('header', `part ${part} has a header line that is not "name: value"`)
    }
    const value = line.slice(colon + 1)
    if (BAD_VALUE.test(value)) {
      throw malformed('header', `part ${part} has a control character in its ${name} header`)
    }
    const key = name.toLowerCase()
    const trimmed = value.trim()
    const prior = headers[key]
    headers[key] = prior === undefined ? trimmed : `${prior}, ${trimmed}`
  }
  return headers
}

/** Whether every byte is ASCII (then each byte is one UTF-16 code unit, no decoder needed). */
function ascii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false
  return true
}
