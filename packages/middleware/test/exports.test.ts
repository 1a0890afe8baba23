// The public surface of every subpath, so a change to it is a visible diff (STYLE §9).
import { describe, expect, it } from 'vitest'

const subpaths = {
  'body-limit': () => import('@ferry/middleware/body-limit'),
  compress: () => import('@ferry/middleware/compress'),
  cookies: () => import('@ferry/middleware/cookies'),
  cors: () => import('@ferry/middleware/cors'),
  csrf: () => import('@ferry/middleware/csrf'),
  etag: () => import('@ferry/middleware/etag'),
  forwarded: () => import('@ferry/middleware/forwarded'),
  logger: () => import('@ferry/middleware/logger'),
  'request-id': () => import('@ferry/middleware/request-id'),
  'secure-headers': () => import('@ferry/middleware/secure-headers'),
  static: () => import('@ferry/middleware/static'),
}

describe('exports', () => {
  it('lists the runtime exports of each subpath', async () => {
    const out: Record<string, string[]> = {}
    for (const [name, load] of Object.entries(subpaths))
      out[name] = Object.keys(await load()).sort()
    expect(out).toMatchInlineSnapshot(`
      {
        "body-limit": [
          "bodyLimit",
        ],
        "compress": [
          "compress",
          "isCompressible",
          "negotiateEncoding",
        ],
        "cookies": [
          "COOKIE_DEFAULTS",
          "CookieError",
          "cookies",
          "createCookieSigner",
          "parseCookies",
          "serializeCookie",
        ],
        "cors": [
          "OriginRuleError",
          "cors",
        ],
        "csrf": [
          "csrf",
        ],
        "etag": [
          "checkPreconditions",
          "etag",
          "evaluatePreconditions",
          "formatEntityTag",
          "formatHttpDate",
          "hashETag",
          "ifRangeAllows",
          "parseEntityTag",
          "parseEntityTagList",
          "parseHttpDate",
          "statETag",
        ],
        "forwarded": [
          "InvalidAddressError",
          "forwarded",
          "parseForwarded",
        ],
        "logger": [
          "logger",
        ],
        "request-id": [
          "requestId",
        ],
        "secure-headers": [
          "SecureHeadersError",
          "secureHeaders",
        ],
        "static": [
          "contentTypeOf",
          "isSafeFilePath",
          "parseRange",
          "resolveStaticPath",
          "serveFile",
          "serveStatic",
        ],
      }
    `)
  })

  it('re-exports every subpath from the package root', async () => {
    const root = Object.keys(await import('@ferry/middleware')).sort()
    const all = new Set<string>()
    for (const load of Object.values(subpaths))
      for (const k of Object.keys(await load())) all.add(k)
    expect(root).toEqual([...all].sort())
  })
})
