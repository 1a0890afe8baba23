import { allowsMethod, decodeQuery, queryDetail } from '@ferry/kind'
import type { AnyHandler, CompiledRoute, ErrorHandler } from './compile.js'
import type { RequestContext } from './context.js'
import type { Found } from './find.js'
import { isHttpError } from './http-error.js'
import { mediaTypeMatches, parseMediaType } from './media-type.js'
import { acceptable } from './negotiate.js'
import { problem, type Step } from './problem.js'
import { isResponse, respondWith } from './respond.js'
import type { Layer } from './types.js'

// How far a candidate got (DESIGN §3): the furthest failure is the best answer.
const RANK: Record<Step, number> = {
  path: 1,
  method: 2,
  guard: 3,
  'content-type': 4,
  accept: 5,
  query: 6,
  body: 7,
  handler: 8,
}

/** A failure of one candidate at one step, with the response it would give. */
interface Failure {
  readonly rank: number
  readonly response: Response
}

/** Runs `layers` in onion order around `inner`; `next(fields)` adds fields to the context. */
export function runLayers(
  layers: readonly Layer<any, any, any>[],
  c: RequestContext,
  inner: () => Promise<Response>,
): Promise<Response> {
  if (layers.length === 0) return inner()
  const step = async (i: number): Promise<Response> => {
    if (i === layers.length) return inner()
    let called = false
    const res = await layers[i]!(
      c as any,
      ((fields?: object) => {
        if (called) throw new Error('a layer called next() twice')
        called = true
        if (fields) Object.assign(c, fields)
        return step(i + 1)
      }) as any,
    )
    if (!isResponse(res)) throw new TypeError('a layer must return a Response')
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
  // The common case, one candidate outside any mounted layers, skips the grouping machinery.
  if (candidates.length === 1 && candidates[0]!.route.chain.length === 0) {
    const out = await evaluateGroup(c, candidates, search, appOnError)
    return 'rank' in out ? out.response : out
  }
  let best: Failure | undefined
  let i = 0
  while (i < candidates.length) {
    const chain = candidates[i]!.route.chain
    let j = i
    while (j < candidates.length && candidates[j]!.route.chain === chain) j++
    const group = candidates.slice(i, j)
    i = j
    let failure: Failure | undefined
    const res = await runLayers(chain, c, async () => {
      const out = await evaluateGroup(c, group, search, appOnError)
      if ('rank' in out) {
        failure = out
        return out.response
      }
      return out
    })
    if (failure === undefined || failure.response !== res) return res
    if (!best || failure.rank > best.rank) best = failure
  }
  return best!.response
}

async function evaluateGroup(
  c: RequestContext,
  group: readonly Found[],
  search: string,
  appOnError: ErrorHandler | undefined,
): Promise<Response | Failure> {
  let best: Failure | undefined
  const R = c.R
  const fail = (step: Step, status: number, fields: Record<string, unknown> = {}) => {
    const f = { rank: RANK[step], response: problem(R, status, fields, step) }
    if (!best || f.rank > best.rank) best = f
  }
  for (const { route, params, reject } of group) {
    c.route = route.info
    c.params = params
    // 3. guards
    let guardFailed = false
    for (const g of route.guards) {
      let out: unknown
      try {
        out = await g(c)
      } catch (e) {
        if (!isHttpError(e)) return handleError(e, c, route.onError ?? appOnError)
        fail('guard', e.status, e.fields)
        guardFailed = true
        break
      }
      if (out === false) {
        fail('guard', 403, { detail: 'a guard refused this request' })
        guardFailed = true
        break
      }
      if (isResponse(out)) return out
    }
    if (guardFailed) continue
    // 4. Content-Type against the body spec
    let media: ReturnType<typeof parseMediaType>
    if (route.body) {
      const header = c.request.headers.get('content-type')
      media = parseMediaType(header)
      const accepts = route.body.accepts
      const ok = media
        ? accepts.some((a) => mediaTypeMatches(media!.essence, a))
        : header === null && accepts.includes('*/*')
      if (!ok) {
        const headers: Record<string, string> = {}
        // RFC 5789 §3.1 (Accept-Patch) and the Accept-Post field say what would have worked.
        if (c.request.method === 'PATCH') headers['accept-patch'] = accepts.join(', ')
        if (c.request.method === 'POST') headers['accept-post'] = accepts.join(', ')
        fail('content-type', 415, {
          detail:
            header === null
              ? 'the request has no Content-Type'
              : `Content-Type "${header}" is not accepted here`,
          accepts,
          headers,
        })
        continue
      }
    }
    // 5. Accept against what the route produces
    if (route.produces && !acceptable(c.request.headers.get('accept'), route.produces)) {
      fail('accept', 406, {
        detail: `this resource is available as ${route.produces.join(', ')}`,
        produces: route.produces,
      })
      continue
    }
    // 6a. the query
    if (reject) {
      const f = { rank: RANK.query, response: reject }
      if (!best || f.rank > best.rank) best = f
      continue
    }
    if (route.pattern && route.pattern.query.length > 0) {
      const q = decodeQuery(route.pattern, new URLSearchParams(search))
      if (!q.ok) {
        fail('query', 400, { detail: queryDetail(q), key: q.key })
        continue
      }
      c.params = Object.assign({}, params, q.values)
    }
    return runRoute(c, route, media, appOnError)
  }
  return best!
}

async function runRoute(
  c: RequestContext,
  route: CompiledRoute,
  media: ReturnType<typeof parseMediaType>,
  appOnError: ErrorHandler | undefined,
): Promise<Response> {
  const onError = route.onError ?? appOnError
  // 6b. the body, parsed once: a failure here is final, since the body is consumed.
  if (route.body) {
    try {
      const request = c.request
      c.body = await route.body.parse(request, {
        mediaType: media?.essence ?? '',
        mediaParams: media?.params ?? {},
        framed: c.executionContext?.framedBodies === true,
        // Read only when a spec asks: on some servers the signal is costly to touch.
        get signal() {
          return request.signal
        },
      })
    } catch (e) {
      if (isHttpError(e)) return problem(c.R, e.status, e.fields, 'body')
      return handleError(e, c, onError)
    }
  }
  // 7. the handler
  return runHandler(c, route.handler, onError)
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
  const failed = (e: unknown): Promise<Response> | Response =>
    isHttpError(e) ? problem(c.R, e.status, e.fields, 'handler') : handleError(e, c, onError)
  try {
    const out = handler(c)
    if (out instanceof Promise)
      return out.then((v) => respondWith(c.R, v, c.head)).then(undefined, failed)
    return Promise.resolve(respondWith(c.R, out, c.head))
  } catch (e) {
    return Promise.resolve(failed(e))
  }
}

/** The answer to an unexpected error: `onError`'s, or a bare 500 problem (never a stack trace). */
export async function handleError(
  e: unknown,
  c: RequestContext,
  onError: ErrorHandler | undefined,
): Promise<Response> {
  if (onError) {
    try {
      return respondWith(c.R, await onError(e, c), c.head)
    } catch (again) {
      console.error('[ferry] onError threw:', again)
    }
  } else if (!c.request.signal.aborted) {
    // A client that went away (an aborted upload) is no error of the app's: nobody reads this.
    console.error('[ferry] unhandled error:', e)
  }
  return problem(c.R, 500, {}, 'handler')
}

/** The candidates that allow `method` (GET ones answer HEAD). */
export function byMethod(candidates: readonly Found[], method: string): readonly Found[] {
  // Usually every candidate allows it (one route per path): keep the list, allocate nothing.
  let i = 0
  while (i < candidates.length && allowsMethod(candidates[i]!.route.methods, method)) i++
  if (i === candidates.length) return candidates
  const out = candidates.slice(0, i)
  for (i++; i < candidates.length; i++) {
    if (allowsMethod(candidates[i]!.route.methods, method)) out.push(candidates[i]!)
  }
  return out
}
