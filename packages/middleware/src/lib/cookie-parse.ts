/**
 * `parseCookies(header)` is the cookies in a `Cookie` field value as a name → value map
 * (RFC 6265 §5.4 order: the first of several same-named cookies wins, as browsers send the most
 * specific path first). Pairs without `=` or with an empty or non-token name are skipped, a value
 * in double quotes is unquoted, and percent-escapes are decoded when they are valid (the raw text
 * is kept otherwise). Never throws.
 */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=')
    if (eq === -1) continue
    const name = pair.slice(0, eq).trim()
    if (!isCookieName(name) || out.has(name)) continue
    let value = pair.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1)
    out.set(name, decodeValue(value))
  }
  return out
}

function decodeValue(value: string): string {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

// token (RFC 9110 §5.6.2), the grammar RFC 6265 §4.1.1 gives cookie-name.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** `isCookieName(name)` is whether `name` is a valid cookie name (an RFC 9110 token). */
export function isCookieName(name: string): boolean {
  return TOKEN.test(name)
}

// cookie-octet (RFC 6265 §4.1.1): visible ASCII except DQUOTE, comma, semicolon and backslash.
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/

/** `isCookieValue(value)` is whether `value` may be sent as a cookie value without quoting. */
export function isCookieValue(value: string): boolean {
  return COOKIE_VALUE.test(value)
}
