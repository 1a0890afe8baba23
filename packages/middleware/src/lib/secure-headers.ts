import type { Layer } from '@ferry/router'
import { withHeaders } from './headers'

/** `Strict-Transport-Security` settings (RFC 6797). */
export interface HstsOptions {
  /** `max-age` in seconds. Default: 15552000 (180 days). */
  maxAge?: number
  /** Add `includeSubDomains`. Default: `true`. */
  includeSubDomains?: boolean
  /** Add `preload` (only once you have submitted the domain to the preload list). Default: `false`. */
  preload?: boolean
}

/** Options of `secureHeaders()`; `false` leaves a header out. */
export interface SecureHeadersOptions {
  /** `X-Frame-Options`. Default: `'DENY'`. */
  frameOptions?: 'DENY' | 'SAMEORIGIN' | false
  /** `Referrer-Policy`. Default: `'strict-origin-when-cross-origin'`. */
  referrerPolicy?: string | false
  /** `Cross-Origin-Opener-Policy`. Default: `'same-origin'`. */
  crossOriginOpenerPolicy?: 'same-origin' | 'same-origin-allow-popups' | 'unsafe-none' | false
  /** `Cross-Origin-Resource-Policy`. Default: `'same-origin'`. */
  crossOriginResourcePolicy?: 'same-origin' | 'same-site' | 'cross-origin' | false
  /** `Strict-Transport-Security`, opt-in: `true` for the defaults of `HstsOptions`. Default: off. */
  hsts?: boolean | HstsOptions
  /**
   * `Content-Security-Policy`, opt-in: directive → sources (`{ 'default-src': ["'self'"] }`) or a
   * ready string. Default: off.
   */
  contentSecurityPolicy?: string | Readonly<Record<string, readonly string[]>> | false
  /** Send `Content-Security-Policy-Report-Only` instead (to try a policy out). Default: `false`. */
  cspReportOnly?: boolean
}

/** A header value that would split the header block or the CSP directive list. */
export class SecureHeadersError extends Error {
  override readonly name = 'SecureHeadersError'
}

const SAFE_VALUE = /^[\x20-\x7e]*$/

/**
 * `secureHeaders(options)` is a layer that adds protective response headers the handler did not
 * set itself: `X-Content-Type-Options: nosniff` always, then `X-Frame-Options`, `Referrer-Policy`,
 * `Cross-Origin-Opener-Policy`, `Cross-Origin-Resource-Policy`, and, when asked for, HSTS and a
 * CSP. Values are checked when the layer is made: a CR, LF, non-ASCII character, or a `;` / `,`
 * inside a CSP source throws `SecureHeadersError`.
 */
export function secureHeaders(options: SecureHeadersOptions = {}): Layer {
  const fixed: [string, string][] = [['x-content-type-options', 'nosniff']]
  const add = (name: string, value: string | false | undefined, fallback: string) => {
    if (value === false) return
    const v = value ?? fallback
    if (!SAFE_VALUE.test(v))
      throw new SecureHeadersError(`secureHeaders(): ${name} has characters a header cannot carry`)
    fixed.push([name, v])
  }
  add('x-frame-options', options.frameOptions, 'DENY')
  add('referrer-policy', options.referrerPolicy, 'strict-origin-when-cross-origin')
  add('cross-origin-opener-policy', options.crossOriginOpenerPolicy, 'same-origin')
  add('cross-origin-resource-policy', options.crossOriginResourcePolicy, 'same-origin')
  if (options.hsts) {
    const h = options.hsts === true ? {} : options.hsts
    const maxAge = h.maxAge ?? 15552000
    if (!Number.isInteger(maxAge) || maxAge < 0)
      throw new SecureHeadersError('secureHeaders(): hsts.maxAge must be whole seconds')
    let v = `max-age=${maxAge}`
    if (h.includeSubDomains ?? true) v += '; includeSubDomains'
    if (h.preload) v += '; preload'
    fixed.push(['strict-transport-security', v])
  }
  const csp = options.contentSecurityPolicy
  if (csp) {
    const name = options.cspReportOnly
      ? 'content-security-policy-report-only'
      : 'content-security-policy'
    add(name, typeof csp === 'string' ? csp : formatCsp(csp), '')
  }
  return async (_c, next) => {
    const res = withHeaders(await next())
    for (const [name, value] of fixed) if (!res.headers.has(name)) res.headers.set(name, value)
    return res
  }
}

function formatCsp(policy: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(policy)
    .map(([directive, sources]) => {
      if (!/^[a-z-]+$/.test(directive))
        throw new SecureHeadersError(
          `secureHeaders(): bad CSP directive ${JSON.stringify(directive)}`,
        )
      for (const s of sources) {
        if (!/^[\x21-\x2b\x2d-\x3a\x3c-\x7e]+$/.test(s)) {
          throw new SecureHeadersError(
            `secureHeaders(): bad CSP source ${JSON.stringify(s)} in ${directive}`,
          )
        }
      }
      return [directive, ...sources].join(' ')
    })
    .join('; ')
}
