import type { Layer } from '@ferry/router'
import { withHeaders } from './headers'

/** Options of `requestId()`. */
export interface RequestIdOptions {
  /** The request and response header carrying the id. Default: `x-request-id`. */
  header?: string
  /** Makes a new id. Default: `crypto.randomUUID()`. */
  generate?: () => string
  /**
   * Whether an incoming id is used, and which: a RegExp it must match in full, or `false` to always
   * generate. Default: 1 to 128 characters of `A-Z a-z 0-9 - _ . : / + =` (so an id cannot smuggle
   * spaces, quotes or control characters into logs).
   */
  accept?: RegExp | false
}

const DEFAULT_ACCEPT = /^[A-Za-z0-9\-_.:/+=]{1,128}$/

/**
 * `requestId(options)` is a layer that adds `requestId` to the context: the incoming header's
 * value when it is well-formed, a fresh one otherwise (a malformed incoming id is replaced, not
 * refused). The id is echoed in the response header.
 */
export function requestId(options: RequestIdOptions = {}): Layer<{}, { requestId: string }> {
  const header = options.header ?? 'x-request-id'
  // A bad name would make Headers.get throw on every request: a 500 for all, instead of one error now.
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header))
    throw new TypeError(`requestId(): header ${JSON.stringify(header)} is not a header name`)
  const generate = options.generate ?? (() => crypto.randomUUID())
  const accept = options.accept ?? DEFAULT_ACCEPT
  return async (c, next) => {
    const incoming = c.request.headers.get(header)
    const id =
      incoming !== null && accept !== false && fullMatch(accept, incoming) ? incoming : generate()
    const res = withHeaders(await next({ requestId: id }))
    res.headers.set(header, id)
    return res
  }
}

function fullMatch(re: RegExp, s: string): boolean {
  re.lastIndex = 0
  const m = re.exec(s)
  return m !== null && m.index === 0 && m[0].length === s.length
}
