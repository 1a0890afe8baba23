import type { Layer } from '@ferry/router'
import { CookieError } from './cookie-error'
import { parseCookies } from './cookie-parse'
import { type CookieOptions, serializeCookie } from './cookie-serialize'
import { type CookieSigner, type SignOptions, createCookieSigner } from './cookie-sign'
import { withHeaders } from './headers'

/** The request's cookies and the cookies the response will set. */
export interface CookieJar {
  /** `get(name)` is the value of the request cookie `name`, or `undefined`. */
  get(name: string): string | undefined
  /** `all()` is every request cookie, name → value. */
  all(): ReadonlyMap<string, string>
  /**
   * `getSigned(name)` is the verified value of the signed request cookie `name`, or `undefined`
   * when it is missing, tampered with, signed by no current secret, or expired.
   */
  getSigned(name: string): Promise<string | undefined>
  /** Sets cookie `name` on the response. Throws `CookieError` for anything unsafe (see `serializeCookie`). */
  set(name: string, value: string, options?: CookieOptions): void
  /** Sets a signed cookie; its `maxAge` (or, without one, `expires`) also bounds the signature. */
  setSigned(name: string, value: string, options?: CookieOptions): Promise<void>
  /**
   * Deletes cookie `name` (an empty value with `Max-Age=0`): give the `path` and `domain` it was
   * set with, and `partitioned` for a CHIPS cookie, whose partition is part of its identity.
   */
  delete(name: string, options?: Pick<CookieOptions, 'path' | 'domain' | 'partitioned'>): void
}

/** Options of `cookies()`. */
export interface CookiesOptions {
  /**
   * Secrets for signed cookies, newest first: the first signs, all verify (rotation). Each at least
   * 32 bytes. Without secrets, `getSigned` and `setSigned` throw `CookieError`.
   */
  secrets?: string | readonly string[]
  /** Attributes every `set` starts from. Default: `COOKIE_DEFAULTS` (Path=/, Secure, HttpOnly, SameSite=Lax). */
  defaults?: CookieOptions
}

/**
 * `cookies(options)` is a layer that adds `cookies`, a `CookieJar`, to the context: request
 * cookies parsed per RFC 6265 §5.4, and the `Set-Cookie` fields the handler asks for appended to
 * the response that comes back. Signed cookies use HMAC-SHA256 through WebCrypto.
 */
export function cookies(options: CookiesOptions = {}): Layer<{}, { cookies: CookieJar }> {
  const signer: CookieSigner | undefined =
    options.secrets === undefined ? undefined : createCookieSigner(options.secrets)
  const defaults = options.defaults ?? {}
  const needSigner = () => {
    if (!signer) throw new CookieError('signed cookies need cookies({ secrets })')
    return signer
  }

  return async (c, next) => {
    let parsed: Map<string, string> | undefined
    const request = () => {
      parsed ??= parseCookies(c.request.headers.get('cookie'))
      return parsed
    }
    const outgoing = new Map<string, string>()
    const jar: CookieJar = {
      get: (name) => request().get(name),
      all: () => request(),
      async getSigned(name) {
        const raw = request().get(name)
        return raw === undefined ? undefined : needSigner().verify(name, raw)
      },
      set(name, value, opts) {
        // Keyed by name, path and domain: a later set of the same cookie replaces the earlier one.
        const o = { ...defaults, ...opts }
        outgoing.set(`${name};${o.path ?? '/'};${o.domain ?? ''}`, serializeCookie(name, value, o))
      },
      async setSigned(name, value, opts) {
        const o = { ...defaults, ...opts }
        // The signature lapses when the browser would drop the cookie, so a copy kept and
        // replayed later does not verify.
        const bound: SignOptions =
          o.maxAge !== undefined
            ? { maxAge: Math.max(0, o.maxAge) }
            : o.expires !== undefined
              ? { expires: o.expires }
              : {}
        const signed = await needSigner().sign(name, value, bound)
        jar.set(name, signed, o)
      },
      delete(name, opts) {
        jar.set(name, '', { ...opts, maxAge: 0, expires: new Date(0) })
      },
    }
    // When next() throws, the cookies set so far are dropped with it: a half-done change should
    // not stick in the browser.
    const res = await next({ cookies: jar })
    if (outgoing.size === 0) return res
    const out = withHeaders(res)
    for (const value of outgoing.values()) out.headers.append('set-cookie', value)
    return out
  }
}
