import { CookieError } from './cookie-error'
import { isCookieName, isCookieValue } from './cookie-parse'

/** Attributes of a `Set-Cookie` field (RFC 6265 §4.1, RFC 6265bis, CHIPS). */
export interface CookieOptions {
  /** `Domain`: hosts the cookie is sent to beside the origin host. Default: host-only. */
  domain?: string
  /** `Path`: the path prefix the cookie is sent under. Default: `/`. */
  path?: string
  /**
   * `Expires`: when the cookie expires, a `Date` in the years 1601 to 9999. Default: none (a
   * session cookie unless `maxAge`).
   */
  expires?: Date
  /**
   * `Max-Age` in whole seconds (a safe integer; browsers cap it at 400 days); `0` or less deletes
   * the cookie. Default: none.
   */
  maxAge?: number
  /** `Secure`: HTTPS only. Default: `true`. */
  secure?: boolean
  /** `HttpOnly`: hidden from scripts. Default: `true`. */
  httpOnly?: boolean
  /** `SameSite`. Default: `'Lax'`. `'None'` requires `secure`. */
  sameSite?: 'Strict' | 'Lax' | 'None' | false
  /** `Partitioned` (CHIPS): keyed to the top-level site. Requires `secure`. Default: `false`. */
  partitioned?: boolean
  /**
   * Encodes the value into cookie-octets. Default: `encodeURIComponent`, so any string is safe.
   * When it yields anything else (`;`, CR, LF, space, `"`, ...), serializing throws `CookieError`.
   */
  encode?: (value: string) => string
}

/** Attributes every cookie gets unless told otherwise: safe defaults. */
export const COOKIE_DEFAULTS = {
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'Lax',
} as const satisfies CookieOptions

// A path is any CHAR except CTLs and ";" (av-octet, RFC 6265 §4.1.1); it must start with "/".
const PATH = /^\/[\x20-\x3a\x3c-\x7e]*$/
// A domain is LDH labels (RFC 1034 §3.5), optionally with one leading dot that RFC 6265 ignores.
const DOMAIN = /^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i

/**
 * `serializeCookie(name, value, options)` is the `Set-Cookie` field value setting cookie `name` to
 * `value` with `options` (defaults: `COOKIE_DEFAULTS`). It throws `CookieError`, rather than emit
 * a header another party could steer, when: the name is not a token; the encoded value has
 * characters outside cookie-octet; the path or domain has a CTL, `;`, or is malformed; `maxAge`
 * is not a safe integer; `expires` is not a Date in the years 1601 to 9999; name and value exceed
 * 4096 bytes, or the path or domain 1024 (the limits past which browsers drop the cookie or the
 * attribute, RFC 6265bis §5.6); `SameSite=None` or `Partitioned` comes without `Secure`; or a
 * `__Secure-` / `__Host-` prefix rule is broken (RFC 6265bis §4.1.3, matched case-insensitively).
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const o = { ...COOKIE_DEFAULTS, ...options }
  if (!isCookieName(name))
    throw new CookieError(`cookie name ${JSON.stringify(name)} is not a token`)
  const encoded = (o.encode ?? encodeURIComponent)(value)
  if (!isCookieValue(encoded)) {
    throw new CookieError(`cookie ${name}: encoded value has characters not allowed in a cookie`)
  }
  // Browsers drop the whole cookie past this, and ignore a longer Path or Domain attribute
  // (RFC 6265bis §5.6); both are ASCII here, so characters are bytes.
  if (name.length + encoded.length > 4096) {
    throw new CookieError(
      `cookie ${name}: name and encoded value take ${name.length + encoded.length} bytes; browsers drop cookies over 4096`,
    )
  }
  let out = `${name}=${encoded}`
  if (o.domain !== undefined) {
    if (!DOMAIN.test(o.domain) || o.domain.length > 1024)
      throw new CookieError(`cookie ${name}: invalid domain ${JSON.stringify(o.domain)}`)
    out += `; Domain=${o.domain}`
  }
  if (o.path !== undefined) {
    if (!PATH.test(o.path) || o.path.length > 1024)
      throw new CookieError(`cookie ${name}: invalid path ${JSON.stringify(o.path)}`)
    out += `; Path=${o.path}`
  }
  if (o.expires !== undefined) {
    // A cookie-date's year has at most 4 digits and is from 1601 on (RFC 6265 §5.1.1); browsers
    // ignore any other Expires, and the cookie would end with the session.
    const year = o.expires instanceof Date ? o.expires.getUTCFullYear() : Number.NaN
    if (!(year >= 1601 && year <= 9999)) {
      throw new CookieError(`cookie ${name}: expires is not a valid Date from 1601 to 9999`)
    }
    out += `; Expires=${o.expires.toUTCString()}`
  }
  if (o.maxAge !== undefined) {
    // Past 2^53 a number is no longer written in plain digits (`1e+21`), and browsers ignore a
    // Max-Age that is not 1*DIGIT (RFC 6265bis §5.6.2), leaving a session cookie.
    if (!Number.isSafeInteger(o.maxAge))
      throw new CookieError(`cookie ${name}: maxAge must be a safe integer`)
    out += `; Max-Age=${o.maxAge}`
  }
  if (o.secure) out += '; Secure'
  if (o.httpOnly) out += '; HttpOnly'
  if (o.sameSite) {
    if (!['Strict', 'Lax', 'None'].includes(o.sameSite)) {
      throw new CookieError(`cookie ${name}: sameSite must be 'Strict', 'Lax' or 'None'`)
    }
    if (o.sameSite === 'None' && !o.secure)
      throw new CookieError(`cookie ${name}: SameSite=None requires Secure`)
    out += `; SameSite=${o.sameSite}`
  }
  if (o.partitioned) {
    if (!o.secure) throw new CookieError(`cookie ${name}: Partitioned requires Secure`)
    out += '; Partitioned'
  }
  const lower = name.toLowerCase()
  if ((lower.startsWith('__secure-') || lower.startsWith('__host-')) && !o.secure) {
    throw new CookieError(`cookie ${name}: the __Secure- and __Host- prefixes require Secure`)
  }
  if (lower.startsWith('__host-') && (o.domain !== undefined || o.path !== '/')) {
    throw new CookieError(`cookie ${name}: the __Host- prefix requires Path=/ and no Domain`)
  }
  return out
}
