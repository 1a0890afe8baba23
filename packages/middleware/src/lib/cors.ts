import type { BaseContext, Layer } from '@ferry/router'
import { answer } from './answer'
import { appendVary, withHeaders } from './headers'
import {
  type OriginRule,
  OriginRuleError,
  compileOriginRule,
  isLocalDevOrigin,
  isSerializedOrigin,
} from './origin'

/** Options of `cors()`. */
export interface CorsOptions {
  /**
   * The origins allowed: `'*'` (any, only without credentials), one rule or a list of rules (exact
   * origins, `https://*.example.com` patterns, whole-match RegExps, functions). Required: there
   * is no implicit "allow everything".
   */
  origin: '*' | OriginRule | readonly OriginRule[]
  /** Send `Access-Control-Allow-Credentials: true`. Default: `false`. Cannot be combined with `'*'`. */
  credentials?: boolean
  /**
   * Request headers a preflight may ask for (case-insensitive). `'*'` allows any header but
   * `Authorization`, which must be named as well (Fetch, CORS-preflight fetch). A preflight is
   * then answered `*` without `credentials`, and with them, where browsers read `*` as a header
   * named `*`, with the names it asked for. Default: `content-type`, `authorization`.
   */
  allowHeaders?: readonly string[]
  /**
   * Response headers scripts may read beyond the safelisted ones. `'*'` exposes all: sent as `*`
   * without `credentials`, and with them, where browsers read `*` as a header named `*`, as the
   * names the response carries (never Set-Cookie). Default: none.
   */
  exposeHeaders?: readonly string[]
  /** `Access-Control-Max-Age` in seconds for preflight results. Default: 600. */
  maxAge?: number
  /** Also allow `http://localhost`, `127.0.0.1` and `[::1]` on any port (development only). Default: `false`. */
  development?: boolean
  /**
   * What a request from a disallowed origin gets: `'continue'` runs it and answers without any
   * CORS header (the browser then hides the response), `'reject'` answers 403 problem+json.
   * Default: `'continue'`.
   */
  disallowed?: 'continue' | 'reject'
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * `cors(options)` is a layer implementing the CORS protocol (Fetch §3.2) for the allowed origins.
 * A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) from an allowed origin
 * is answered 204 with the path's real `Allow` methods (`c.allow`), the allowed headers and
 * `Access-Control-Max-Age`, provided every requested header is allowed; a preflight for a path
 * no route matches, or asking for a header not allowed, gets no CORS headers. Actual requests from
 * an allowed origin get `Access-Control-Allow-Origin` with that exact origin; with `'*'` every
 * response gets `*`, whatever its `Origin`. Otherwise the `null` origin and anything that is not
 * a serialized origin are never allowed. `Vary: Origin` is set whenever the answer depends on it.
 * Throws `OriginRuleError` for bad options.
 */
export function cors(options: CorsOptions): Layer {
  const { allowed, any } = compileOrigins(options)
  const credentials = options.credentials ?? false
  if (any && credentials) {
    throw new OriginRuleError(
      `cors(): origin '*' cannot be combined with credentials (Fetch §3.2.5)`,
    )
  }
  const allowHeaders = (options.allowHeaders ?? ['content-type', 'authorization']).map((h) =>
    h.toLowerCase(),
  )
  const anyHeader = allowHeaders.includes('*')
  const namedHeaders = allowHeaders.filter((h) => h !== '*')
  const exposeHeaders = (options.exposeHeaders ?? []).map((h) => h.toLowerCase())
  const exposeAny = exposeHeaders.includes('*')
  for (const h of [...allowHeaders, ...exposeHeaders]) {
    if (!HEADER_NAME.test(h))
      throw new OriginRuleError(`cors(): ${JSON.stringify(h)} is not a header name`)
  }
  const maxAge = options.maxAge ?? 600
  if (!Number.isInteger(maxAge) || maxAge < 0)
    throw new OriginRuleError('cors(): maxAge must be a whole number of seconds')
  const disallowed = options.disallowed ?? 'continue'

  return async (c, next) => {
    const origin = c.request.headers.get('origin')
    // With '*' every response says so, with or without (or with a null) Origin: the answer then
    // does not depend on Origin, so it needs no Vary and a cached copy suits every fetch.
    const ok = any || (origin !== null && isSerializedOrigin(origin) && allowed(origin, c))
    const preflight =
      c.request.method === 'OPTIONS' &&
      origin !== null &&
      c.request.headers.has('access-control-request-method')

    if (preflight) {
      const requested = (c.request.headers.get('access-control-request-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== '')
      // `*` never covers Authorization (Fetch, CORS-preflight fetch): browsers want it named, so
      // echoing it to a credentialed preflight must not grant what the wildcard does not.
      const headersOk = requested.every(
        (h) =>
          namedHeaders.includes(h) || (anyHeader && h !== 'authorization' && HEADER_NAME.test(h)),
      )
      // A route that takes any method has no Allow list: grant the method asked for.
      const methods =
        c.allow ?? (c.route ? c.request.headers.get('access-control-request-method') : null)
      if (ok && headersOk && methods) {
        const headers = new Headers({
          'access-control-allow-origin': any ? '*' : origin,
          'access-control-allow-methods': methods,
          'access-control-max-age': String(maxAge),
        })
        const granted = !anyHeader
          ? namedHeaders
          : credentials
            ? // A credentialed request reads `*` as a header named `*`: list the names instead.
              [...new Set([...requested, ...namedHeaders])]
            : ['*', ...namedHeaders]
        if (granted.length > 0) headers.set('access-control-allow-headers', granted.join(', '))
        if (credentials) headers.set('access-control-allow-credentials', 'true')
        if (!any)
          headers.set(
            'vary',
            'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
          )
        return c.respond(null, { status: 204, headers })
      }
      if (!ok && disallowed === 'reject')
        return refusal(
          c,
          origin,
          'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        )
      const res = withHeaders(await next())
      appendVary(
        res.headers,
        'Origin',
        'Access-Control-Request-Method',
        'Access-Control-Request-Headers',
      )
      return res
    }

    if (origin !== null && !ok && disallowed === 'reject') return refusal(c, origin, 'Origin')
    const res = withHeaders(await next())
    const exposed =
      ok && exposeAny && credentials ? namesOf(res.headers, exposeHeaders) : exposeHeaders
    if (!any) appendVary(res.headers, 'Origin')
    if (!ok) return res
    res.headers.set('access-control-allow-origin', any ? '*' : origin!)
    if (credentials) res.headers.set('access-control-allow-credentials', 'true')
    if (exposed.length > 0) res.headers.set('access-control-expose-headers', exposed.join(', '))
    return res
  }
}

// What a credentialed response exposes for `*`, which it would read as a header named `*` (Fetch,
// CORS check): the names the handler's response carries, and the named ones.
// Set-Cookie is never exposed (Fetch, forbidden response-header names).
function namesOf(headers: Headers, named: readonly string[]): string[] {
  const names = new Set<string>()
  for (const name of headers.keys()) if (name !== 'set-cookie') names.add(name)
  for (const name of named) if (name !== '*') names.add(name)
  return [...names]
}

function refusal(c: BaseContext, origin: string, vary: string): Response {
  return answer(c, 403, {
    detail: `the origin ${JSON.stringify(origin)} may not make this request`,
    // An allowed origin gets another answer to the same request: caches must key on it.
    headers: { vary },
  })
}

function compileOrigins(options: CorsOptions): {
  allowed: (origin: string, c: BaseContext) => boolean
  any: boolean
} {
  if (options === undefined || options.origin === undefined) {
    throw new OriginRuleError('cors(): say which origins are allowed with { origin }')
  }
  if (options.origin === '*') return { allowed: () => true, any: true }
  const rules = (Array.isArray(options.origin) ? options.origin : [options.origin]) as OriginRule[]
  const predicates = rules.map(compileOriginRule)
  const dev = options.development ?? false
  return {
    allowed: (origin) => (dev && isLocalDevOrigin(origin)) || predicates.some((p) => p(origin)),
    any: false,
  }
}
