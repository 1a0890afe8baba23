import type { HandlerResult } from './types.js'

/**
 * Responses whose body the router built from a string or bytes: finite and in memory, so a HEAD
 * answer may count it. Anything else (a stream, a user's Response) may never end.
 */
const FINITE = new WeakSet<Response>()

/** `finite(res)` marks and returns `res` (see FINITE). */
export function finite(res: Response): Response {
  FINITE.add(res)
  return res
}

/** Whether the router built `res` from a finite in-memory body. */
export function isFiniteBody(res: Response): boolean {
  return FINITE.has(res)
}

const JSON_TYPE = 'application/json'
const TEXT_TYPE = 'text/plain; charset=utf-8'
const HTML_TYPE = 'text/html; charset=utf-8'
const BYTES_TYPE = 'application/octet-stream'

function withType(init: ResponseInit | undefined, type: string): ResponseInit {
  if (init === undefined) return { headers: { 'content-type': type } }
  if (init.headers === undefined)
    return { status: init.status, statusText: init.statusText, headers: { 'content-type': type } }
  const headers = new Headers(init.headers)
  if (!headers.has('content-type')) headers.set('content-type', type)
  return { status: init.status, statusText: init.statusText, headers }
}

/** A JSON response of `value` built with `R`. */
export function jsonResponse(R: typeof Response, value: unknown, init?: ResponseInit): Response {
  return new R(JSON.stringify(value), withType(init, JSON_TYPE))
}

/** A `text/plain; charset=utf-8` response built with `R`. */
export function textResponse(R: typeof Response, value: string, init?: ResponseInit): Response {
  return new R(value, withType(init, TEXT_TYPE))
}

/** A `text/html; charset=utf-8` response built with `R`. */
export function htmlResponse(R: typeof Response, value: string, init?: ResponseInit): Response {
  return new R(value, withType(init, HTML_TYPE))
}

/** Whether `x` is a Response, from this realm's class or another (a server's own, a polyfill). */
export function isResponse(x: unknown): x is Response {
  if (x instanceof Response) return true
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Response).status === 'number' &&
    typeof (x as Response).headers === 'object' &&
    'body' in x &&
    typeof (x as Response).arrayBuffer === 'function'
  )
}

function isPlain(x: object): boolean {
  const proto = Object.getPrototypeOf(x)
  return (
    proto === Object.prototype ||
    proto === null ||
    typeof (x as { toJSON?: unknown }).toJSON === 'function'
  )
}

/**
 * `toResponse(R, result)` is the Response for what a handler returned: a Response as it is; a
 * string as `text/plain; charset=utf-8`; bytes and streams as `application/octet-stream`;
 * `undefined` as 204; `null`, numbers, booleans, plain objects and arrays as JSON. Throws a
 * `TypeError` for anything else (a Map, a class instance without `toJSON`, a function).
 */
export function toResponse(R: typeof Response, result: HandlerResult): Response {
  return respondWith(R, result, true)
}

function same(res: Response): Response {
  return res
}

/**
 * `respondWith(R, result, mark)` is `toResponse`, marking finite bodies (see FINITE) only when
 * `mark` says a HEAD answer may count them: the mark is a WeakSet entry, not free per request.
 */
export function respondWith(R: typeof Response, result: HandlerResult, mark: boolean): Response {
  const fin = mark ? finite : same
  if (result === undefined) return new R(null, { status: 204 })
  if (typeof result === 'string') {
    return fin(new R(result, { headers: { 'content-type': TEXT_TYPE } }))
  }
  if (typeof result === 'object' && result !== null) {
    if (isResponse(result)) return result
    if (
      result instanceof Uint8Array ||
      result instanceof ArrayBuffer ||
      result instanceof ReadableStream
    ) {
      const res = new R(result as BodyInit, { headers: { 'content-type': BYTES_TYPE } })
      return result instanceof ReadableStream ? res : fin(res)
    }
    if (!Array.isArray(result) && !isPlain(result)) {
      const name = (result as object).constructor?.name ?? 'object'
      throw new TypeError(
        `a handler returned a ${name}; return a Response, a string, bytes, a stream, a plain object or an array`,
      )
    }
  } else if (
    typeof result === 'function' ||
    typeof result === 'symbol' ||
    typeof result === 'bigint'
  ) {
    throw new TypeError(`a handler returned a ${typeof result}, which has no HTTP form`)
  }
  return fin(new R(JSON.stringify(result), { headers: { 'content-type': JSON_TYPE } }))
}
