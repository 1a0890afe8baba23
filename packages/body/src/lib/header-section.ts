import { malformed } from './errors.js'

const decoder = new TextDecoder()

// RFC 9110 §5.6.2 tchar, by character code.
const TCHAR = new Uint8Array(128)
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TCHAR[c.charCodeAt(0)] = 1
}

/**
 * `parseHeaderSection(block, part)` is the header fields of a part's header section: `block`
 * holds the whole section up to and including its blank line (`\r\n` alone when it has no field).
 * Names are lower-cased, values decoded as UTF-8 (what browsers send, WHATWG HTML §4.10.21.8) and
 * trimmed; repeated fields are joined with `, `. A line without a colon, a name that is not a
 * token (RFC 9110 §5.1, so no obsolete line folding) or a control character other than HTAB in a
 * value (RFC 9110 §5.5) is a 400 `header`.
 */
export function parseHeaderSection(block: Uint8Array, part: number): Record<string, string> {
  const headers: Record<string, string> = Object.create(null)
  const text = decoder.decode(block)
  const end = text.length - 2
  let start = 0
  while (start < end) {
    const eol = text.indexOf('\r\n', start)
    let colon = start
    while (colon < eol && TCHAR[text.charCodeAt(colon)] === 1) colon++
    if (colon === start || colon === eol || text.charCodeAt(colon) !== 0x3a) {
      throw malformed('header', `part ${part} has a header line that is not "name: value"`)
    }
    for (let k = colon + 1; k < eol; k++) {
      const c = text.charCodeAt(k)
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
        throw malformed('header', `part ${part} has a control character in a header value`)
      }
    }
    const key = text.slice(start, colon).toLowerCase()
    const value = text.slice(colon + 1, eol).trim()
    const prior = headers[key]
    headers[key] = prior === undefined ? value : `${prior}, ${value}`
    start = eol + 2
  }
  return headers
}
