import { fromBase64Url, toBase64Url } from './base64url'
import { CookieError } from './cookie-error'

/** Options of `createCookieSigner`. */
export interface CookieSignerOptions {
  /** The clock, in milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number
}

/** Options of one signature. */
export interface SignOptions {
  /**
   * Seconds the signature stays valid; verification refuses it afterwards. An expiry past the last
   * `Date` (year 275760) is capped there. Default: forever.
   */
  maxAge?: number
  /**
   * When the signature stops being valid, used when `maxAge` is not given (`Max-Age` wins over
   * `Expires` in the browser too, RFC 6265bis §5.6.2). Default: never.
   */
  expires?: Date
}

/** Signs cookie values and checks signatures, with key rotation. */
export interface CookieSigner {
  /**
   * `sign(name, value, options)` is a cookie-safe string carrying `value`, an optional expiry and
   * an HMAC-SHA256 signature over both and the cookie `name` (so a value signed for one cookie is
   * refused under another). Signed with the first secret.
   */
  sign(name: string, value: string, options?: SignOptions): Promise<string>
  /**
   * `verify(name, signed)` is the value `sign(name, value)` produced `signed` from, or `undefined`
   * when `signed` is malformed, tampered with, signed by no current secret, or expired.
   */
  verify(name: string, signed: string): Promise<string | undefined>
}

// The last instant a Date can hold (ECMA-262 §21.4.1.1), in seconds: 13 digits. Later expiries
// ("forever" as Number.MAX_SAFE_INTEGER seconds) are capped here, so they stay plain digits.
const LAST_EXPIRY = 8_640_000_000_000

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * `createCookieSigner(secrets)` is a signer using WebCrypto HMAC-SHA256. The first secret signs;
 * every secret verifies, so a new secret can be put first while cookies signed with the old one
 * still verify until it is removed. Each secret must have at least 32 bytes (a `CookieError`
 * otherwise), and there must be at least one. Comparison is `crypto.subtle.verify`, which
 * compares in constant time instead of a string `===` that would leak how much matched.
 *
 * The signed form is `base64url(value).expiry.base64url(mac)`, `expiry` being seconds since the
 * epoch or empty.
 */
export function createCookieSigner(
  secrets: string | readonly string[],
  options: CookieSignerOptions = {},
): CookieSigner {
  const list = typeof secrets === 'string' ? [secrets] : [...secrets]
  if (list.length === 0) throw new CookieError('cookie signing needs at least one secret')
  for (const s of list) {
    if (typeof s !== 'string' || encoder.encode(s).length < 32) {
      throw new CookieError('each cookie secret must be a string of at least 32 bytes')
    }
  }
  const now = options.now ?? Date.now
  const keys = list.map((s) =>
    crypto.subtle.importKey('raw', encoder.encode(s), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]),
  )
  const data = (name: string, payload: string, exp: string) =>
    encoder.encode(`${name}=${payload}.${exp}`)

  return {
    async sign(name, value, opts = {}) {
      if (opts.maxAge !== undefined && !(Number.isFinite(opts.maxAge) && opts.maxAge >= 0)) {
        throw new CookieError('maxAge must be a finite number of seconds, at least 0')
      }
      if (
        opts.expires !== undefined &&
        !(opts.expires instanceof Date && Number.isFinite(opts.expires.getTime()))
      ) {
        throw new CookieError('expires must be a valid Date')
      }
      const payload = toBase64Url(encoder.encode(value))
      const at =
        opts.maxAge !== undefined
          ? Math.floor(now() / 1000 + opts.maxAge)
          : opts.expires !== undefined
            ? Math.max(0, Math.floor(opts.expires.getTime() / 1000))
            : undefined
      const exp = at === undefined ? '' : String(Math.min(at, LAST_EXPIRY))
      const mac = await crypto.subtle.sign('HMAC', await keys[0]!, data(name, payload, exp))
      return `${payload}.${exp}.${toBase64Url(new Uint8Array(mac))}`
    },
    async verify(name, signed) {
      const parts = signed.split('.')
      if (parts.length !== 3) return undefined
      const [payload, exp, macText] = parts as [string, string, string]
      if (exp !== '' && !/^\d{1,13}$/.test(exp)) return undefined
      const mac = fromBase64Url(macText)
      if (mac?.length !== 32) return undefined
      const bytes = data(name, payload, exp)
      let valid = false
      for (const key of keys) {
        if (await crypto.subtle.verify('HMAC', await key, mac, bytes)) {
          valid = true
          break
        }
      }
      if (!valid) return undefined
      if (exp !== '' && Number(exp) * 1000 <= now()) return undefined
      const raw = fromBase64Url(payload)
      if (!raw) return undefined
      try {
        return decoder.decode(raw)
      } catch {
        return undefined
      }
    },
  }
}
