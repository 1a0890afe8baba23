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

export const JSON_TYPE = 'application/json'
export const TEXT_TYPE = 'text/plain; charset=utf-8'
export const HTML_TYPE = 'text/html; charset=utf-8'
const BYTES_TYPE = 'application/octet-stream'

/**
 * `typed(R, body, type, init?, mark?)` is a response of `body` built with `R`, with `init`'s
 * status and headers and `type` as its Content-Type unless `init` names one; marked finite (see
 * FINITE) when `mark`.
 */
export function typed(
  R: typeof Response,
  body: BodyInit,
  type: string,
  init?: ResponseInit,
  mark?: boolean,
): Response {
  let res: Response
  if (init === undefined) {
    // One Headers per type, shared, when `R` copies what it is given (Fetch "fill"): Bun and Deno
    // copy a Headers in about half the time they take to read a record. Some classes keep the
    // init's Headers as their own (@hono/node-server's global Response, @whatwg-node's ponyfill),
    // and a layer's `res.headers.set()` would then reach every later response: probed, not assumed.
    res = new R(
      body,
      copiesHeaders(R)
        ? // biome-ignore lint/suspicious/noAssignInExpressions: one init per type, made on first use
          (SHARED[type] ??= { headers: new Headers({ 'content-type': type }) })
        : { headers: { 'content-type': type } },
    )
  } else {
    let headers: HeadersInit = { 'content-type': type }
    if (init.headers !== undefined) {
      headers = new Headers(init.headers)
      if (!headers.has('content-type')) headers.set('content-type', type)
    }
    res = new R(body, { status: init.status, statusText: init.statusText, headers })
  }
  return mark ? finite(res) : res
}

const SHARED: Record<string, ResponseInit> = {}

// The last class probed, and what it does (an app answers with one class).
let probed: typeof Response | undefined
let probedCopies = false
let probedJson = false

function probe(R: typeof Response): void {
  if (R !== probed) {
    const h = new Headers()
    probedCopies = new R('probe', { headers: h }).headers !== h && [...h].length === 0
    probedJson = typeof R.json === 'function' && R.json(0).headers.get('content-type') === JSON_TYPE
    probed = R
  }
}

/**
 * Whether responses of class `R` own a copy of the init's Headers, leaving the init untouched
 * (a class that writes `content-length` into it would spoil a shared one too).
 */
export function copiesHeaders(R: typeof Response): boolean {
  probe(R)
  return probedCopies
}

/**
 * `json(R, value, init?, mark?)` is `typed` for `value` as JSON. Without an init, an object goes
 * through `R.json()` where that static method writes DESIGN's `application/json` (Deno, Node,
 * workerd; Bun writes `application/json;charset=utf-8` and is left out): Deno builds it on its
 * fast path, 410 ns against 990 ns for a shared Headers init, and sends it without a header list.
 */
export function json(R: typeof Response, value: unknown, init?: ResponseInit, mark?: boolean) {
  probe(R)
  return init === undefined && !mark && typeof value === 'object' && probedJson
    ? R.json(value)
    : typed(R, JSON.stringify(value), JSON_TYPE, init, mark)
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
 * `TypeError` for anything else (a Map, a class instance without `toJSON`, a function, a Response
 * whose body was read).
 */
export function toResponse(R: typeof Response, result: HandlerResult): Response {
  return respondWith(R, result, true)
}

/**
 * `respondWith(R, result, mark)` is `toResponse`, marking finite bodies (see FINITE) only when
 * `mark` says a HEAD answer may count them: the mark is a WeakSet entry, not free per request.
 */
export function respondWith(R: typeof Response, result: HandlerResult, mark: boolean): Response {
  if (result === undefined) return new R(null, { status: 204 })
  if (typeof result === 'string') return typed(R, result, TEXT_TYPE, undefined, mark)
  let what: string | undefined
  if (typeof result === 'object' && result !== null) {
    if (isResponse(result)) {
      if (!result.bodyUsed) return result
      // Its body cannot be sent (Fetch: "unusable"): a 500 with the cause logged, where passing it
      // on would fail in the server once the status line is out.
      what = 'Response whose body was read'
    } else if (result instanceof ReadableStream) {
      // A stream may never end: it is not counted for HEAD.
      return typed(R, result, BYTES_TYPE)
    } else if (result instanceof Uint8Array || result instanceof ArrayBuffer) {
      return typed(R, result as BodyInit, BYTES_TYPE, undefined, mark)
    } else if (!Array.isArray(result) && !isPlain(result)) {
      what = result.constructor?.name ?? 'object'
    }
  } else if (
    typeof result === 'function' ||
    typeof result === 'symbol' ||
    typeof result === 'bigint'
  ) {
    what = typeof result
  }
  if (what !== undefined) {
    throw new TypeError(
      `a handler returned a ${what}; return a Response, a string, bytes, a stream, a plain object or an array`,
    )
  }
  return json(R, result, undefined, mark)
}
