import type { BaseContext, Layer } from '@ferry/router'
import { answer } from './answer'
import { type OriginRule, compileOriginRule } from './origin'

/** Options of `csrf()`. */
export interface CsrfOptions {
  /** Other origins trusted to post here (another of your front ends). Default: none. */
  origins?: readonly OriginRule[]
  /** Accept `Sec-Fetch-Site: same-site` (sibling subdomains) too. Default: `false`. */
  allowSameSite?: boolean
}

// The content types a cross-site page can send without a CORS preflight (Fetch §2.2.2).
const SIMPLE = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'])

/**
 * `csrf(options)` is a layer that refuses cross-site form submissions with 403 problem+json. It
 * checks the requests a cross-site page could send without a CORS preflight: POSTs with a form
 * content type, `text/plain`, or none; other requests (other methods, JSON) are left to CORS. A request passes when
 * `Sec-Fetch-Site` is `same-origin` or `none` (user-initiated), or `same-site` if allowed; without
 * that header, when `Origin` equals the request's own origin or a trusted one. A request with
 * neither header comes from no browser that can be tricked into sending it, and passes. `Origin:
 * null` is always refused. Behind a proxy that rewrites the host, rely on `Sec-Fetch-Site` or list
 * the public origin in `origins`.
 */
export function csrf(options: CsrfOptions = {}): Layer {
  const trusted = (options.origins ?? []).map(compileOriginRule)
  const sameSite = options.allowSameSite ?? false
  return (c, next) => {
    // POST is the one unsafe method a cross-site page can send without a CORS preflight: Fetch's
    // CORS-safelisted methods are GET, HEAD and POST, and a form sends no other. A cross-site PUT,
    // PATCH or DELETE reaches the app only after a preflight cors() granted: refusing it here
    // would undo what CORS allowed, and accepting it adds nothing an attacker can use.
    if (c.request.method.toUpperCase() !== 'POST') return next()
    const type = c.request.headers.get('content-type')
    const essence = type === null ? null : type.split(';')[0]!.trim().toLowerCase()
    if (essence !== null && essence !== '' && !SIMPLE.has(essence)) return next()

    const origin = c.request.headers.get('origin')
    // An opaque origin (sandboxed frame, data: URL) can never be checked, so it is never trusted.
    if (origin === 'null') return refuse(c, 'Origin: null')
    const isTrusted = origin !== null && trusted.some((t) => t(origin))
    const site = c.request.headers.get('sec-fetch-site')
    if (site !== null) {
      if (
        site === 'same-origin' ||
        site === 'none' ||
        (sameSite && site === 'same-site') ||
        isTrusted
      )
        return next()
      return refuse(c, `Sec-Fetch-Site: ${site}`)
    }
    if (origin === null) return next()
    if (origin === new URL(c.request.url).origin || isTrusted) return next()
    return refuse(c, `Origin: ${origin}`)
  }
}

function refuse(c: BaseContext, why: string): Response {
  return answer(c, 403, { detail: `a cross-site request is refused (${why})` })
}
