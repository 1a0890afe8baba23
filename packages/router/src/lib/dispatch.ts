import { allowsMethod } from '@ferry/kind'
import { checkRoute, type Failure, failure, further } from './checks.js'
import type { AnyHandler, CompiledRoute, ErrorHandler } from './compile.js'
import { addFields, kHead, kR, kVary, type RequestContext } from './context.js'
import type { Found } from './find.js'
import { isHttpError } from './http-error.js'
import type { MediaType } from './media-type.js'
import { problem, type Step } from './problem.js'
import { isResponse, respondWith } from './respond.js'
import type { BodyParseContext, Layer } from './types.js'

/**
 * Runs `layers` in onion order around `inner`; `next(fields)` adds fields to the context. With
 * `undo`, each field it sets is logged there (key, whether the context had it, its old value).
 */
export function runLayers(
  layers: readonly Layer<any, any, any>[],
  c: RequestContext,
  inner: () => Response | Promise<Response>,
  undo?: unknown[],
): Promise<Response> {
  if (layers.length === 0) return Promise.resolve(inner())
  const step = async (i: number): Promise<Response> => {
    if (i === layers.length) return inner()
    let called = false
    const res = await layers[i]!(
      c as any,
      ((fields?: object) => {
        if (called) throw new Error('a layer called next() twice')
        called = true
        if (fields) addFields(c, fields, 'next()', undo)
        return step(i + 1)
      }) as any,
    )
    // A body already read cannot be sent (Fetch: "unusable"): said here, not by the server once
    // the status line is out.
    if (!isResponse(res) || res.bodyUsed)
      throw new TypeError('a layer must return a Response whose body is unread')
    return res
  }
  return step(0)
}

/**
 * `evaluate(c, candidates, onError)` runs steps 3-7 for the candidates that allow the method
 * (already filtered), grouped by the mounted layers they sit under, and answers with the first
 * that passes, or the furthest failure over all of them.
 */
export async function evaluate(
  c: RequestContext,
  candidates: readonly Found[],
  search: string,
  appOnError: ErrorHandler | undefined,
): Promise<Response> {
  let best: Failure | undefined
  let i = 0
  while (i < candidates.length) {
    const chain = candidates[i]!.route.chain
    let j = i
    while (j < candidates.length && candidates[j]!.route.chain === chain) j++
    const group = candidates.slice(i, j)
    i = j
    let failure: Failure | undefined
    let res: Response
    // The fields these layers add are theirs: a later group runs without them. Logged only when
    // a later group may run (no allocation on the common path).
    const undo: unknown[] | undefined = chain.length > 0 && i < candidates.length ? [] : undefined
    try {
      res = await runLayers(
        chain,
        c,
        async () => {
          const out = await evaluateGroup(c, group, search, appOnError)
          if ('rank' in out) {
            failure = out
            return out.response
          }
          return out
        },
        undo,
      )
    } catch (e) {
      // A mounted router's layer that throws is that router's to answer (decision 003 §4).
      return failed(e, c, group[0]!.route.onError ?? appOnError)
    }
    if (failure === undefined || failure.response !== res) return varied(c, res)
    if (!best || failure.rank > best.rank) best = failure
    // Takes back the fields the layers set, the last first.
    for (let k = (undo?.length ?? 0) - 3; k >= 0; k -= 3) {
      const o = c as unknown as Record<PropertyKey, unknown>
      if (undo![k + 1]) o[undo![k] as PropertyKey] = undo![k + 2]
      else delete o[undo![k] as PropertyKey]
    }
  }
  return varied(c, best!.response)
}

// `res` with `Vary: Accept` when a `produces` check chose it (RFC 9110 §12.5.5).
function varied(c: RequestContext, res: Response): Response {
  return c[kVary]?.(res) ?? res
}

async function evaluateGroup(
  c: RequestContext,
  group: readonly Found[],
  search: string,
  appOnError: ErrorHandler | undefined,
): Promise<Response | Failure> {
  let best: Failure | undefined
  next: for (const found of group) {
    const route = found.route
    c.route = route.info
    c.params = found.params
    // 3. guards
    for (const g of route.guards) {
      let out: unknown
      try {
        out = await g(c)
      } catch (e) {
        if (!isHttpError(e)) return handleError(e, c, route.onError ?? appOnError)
        best = further(best, failure(c, 'guard', e.status, e.fields))
        continue next
      }
      if (out === false) {
        best = further(best, failure(c, 'guard', 403, { detail: 'a guard refused this request' }))
        continue next
      }
      if (isResponse(out)) return out
    }
    // 4-6a.
    const out = checkRoute(c, found, search)
    if (out !== undefined && 'rank' in out) {
      best = further(best, out)
      continue
    }
    return runRoute(c, route, out, appOnError)
  }
  return best!
}

/**
 * `evaluateOne(c, found, search, appOnError)` is steps 4-7 for the only candidate of a request
 * outside any layer, when its route has no guard: no promise hop before the body is read.
 */
export function evaluateOne(
  c: RequestContext,
  found: Found,
  search: string,
  appOnError: ErrorHandler | undefined,
): Promise<Response>
/**
 * `evaluateOne(c, found, search, appOnError, true)` is the answer of the first of several
 * candidates, or `undefined` when it fails steps 4-6 and a later one may pass.
 */
export function evaluateOne(
  c: RequestContext,
  found: Found,
  search: string,
  appOnError: ErrorHandler | undefined,
  first: true,
): Promise<Response> | undefined
export function evaluateOne(
  c: RequestContext,
  found: Found,
  search: string,
  appOnError: ErrorHandler | undefined,
  first?: true,
): Promise<Response> | undefined {
  const route = found.route
  c.route = route.info
  c.params = found.params
  let out: Failure | MediaType | undefined
  try {
    out = checkRoute(c, found, search)
  } catch (e) {
    // A thrown HttpError is its problem here too, as when layers put the steps in `evaluate`.
    return Promise.resolve(failed(e, c, route.onError ?? appOnError))
  }
  if (out !== undefined && 'rank' in out) return first ? undefined : Promise.resolve(out.response)
  return runRoute(c, route, out, appOnError)
}

// Step 6b, the body, parsed once (a failure here is final, since the body is consumed), then 7.
function runRoute(
  c: RequestContext,
  route: CompiledRoute,
  media: MediaType | undefined,
  appOnError: ErrorHandler | undefined,
): Promise<Response> {
  const onError = route.onError ?? appOnError
  const spec = route.body
  if (!spec) return runHandler(c, route.handler, onError)
  const request = c.request
  let parsed: Promise<unknown>
  try {
    // A spec of one's own may answer synchronously; a native promise passes through as it is.
    parsed = Promise.resolve(
      spec.parse(
        request,
        new ParseContext(request, media!, c.executionContext?.framedBodies === true),
      ),
    )
  } catch (e) {
    parsed = Promise.reject(e)
  }
  return parsed.then(
    (body) => {
      c.body = body
      return answer(c, route.handler, onError)
    },
    (e) => failed(e, c, onError, 'body'),
  )
}

/**
 * The `BodyParseContext` of a request. A class: an object literal with a `get signal()` of its
 * own cost Deno about 6 µs per request (wrk, POST of a small JSON body: 29,600 against 37,300
 * req/s with this class).
 */
class ParseContext implements BodyParseContext {
  readonly mediaType: string
  readonly mediaParams: Readonly<Record<string, string>>
  readonly framed: boolean
  readonly #request: Request
  constructor(request: Request, media: MediaType, framed: boolean) {
    this.mediaType = media.essence
    this.mediaParams = media.params
    this.framed = framed
    this.#request = request
  }
  // Read only when a spec asks: on some servers (Deno) the signal is costly to touch.
  get signal(): AbortSignal {
    return this.#request.signal
  }
}

/**
 * Step 7: the handler's answer as a Response, a thrown `HttpError` as its problem, anything else
 * through `onError`. Not async, so a synchronous handler costs no extra promise hop.
 */
export function runHandler(
  c: RequestContext,
  handler: AnyHandler,
  onError: ErrorHandler | undefined,
): Promise<Response> {
  return Promise.resolve(answer(c, handler, onError))
}

/**
 * `runHandler` without the promise around a synchronous answer: a `.then` callback that returns
 * a plain Response settles its promise at once, where a returned promise costs two more ticks.
 */
function answer(
  c: RequestContext,
  handler: AnyHandler,
  onError: ErrorHandler | undefined,
): Response | Promise<Response> {
  try {
    const out = handler(c)
    if (out instanceof Promise) {
      return out
        .then((v) => respondWith(c[kR], v, c[kHead]))
        .then(undefined, (e) => failed(e, c, onError, 'handler'))
    }
    return respondWith(c[kR], out, c[kHead])
  } catch (e) {
    return failed(e, c, onError, 'handler')
  }
}

/**
 * The answer to `e`, thrown at `step`: an `HttpError`'s problem, anything else through `onError`.
 */
export function failed(
  e: unknown,
  c: RequestContext,
  onError: ErrorHandler | undefined,
  step?: Step,
): Promise<Response> | Response {
  return isHttpError(e) ? problem(c[kR], e.status, e.fields, step) : handleError(e, c, onError)
}

/** The answer to an unexpected error: `onError`'s, or a bare 500 problem (never a stack trace). */
export async function handleError(
  e: unknown,
  c: RequestContext,
  onError: ErrorHandler | undefined,
): Promise<Response> {
  if (onError) {
    try {
      const out = await onError(e, c)
      // An onError that only logs returns nothing: the 500 stands, where a 204 would say "done".
      if (out !== undefined) return respondWith(c[kR], out, c[kHead])
    } catch (again) {
      console.error('[ferry] onError threw:', again)
    }
  } else if (!c.request.signal.aborted) {
    // A client that went away (an aborted upload) is no error of the app's: nobody reads this.
    console.error('[ferry] unhandled error:', e)
  }
  return problem(c[kR], 500, {}, 'handler')
}

/** The candidates that allow `method` (GET ones answer HEAD). */
export function byMethod(candidates: readonly Found[], method: string): readonly Found[] {
  const allowed = (f: Found) => allowsMethod(f.route.methods, method)
  // Usually every candidate allows it (one route per path): keep the list.
  return candidates.every(allowed) ? candidates : candidates.filter(allowed)
}
