import type { ProblemFields } from './http-error.js'
import { finite } from './respond.js'

/** The dispatch step that produced a framework answer (DESIGN §3). */
export type Step =
  | 'path'
  | 'method'
  | 'guard'
  | 'content-type'
  | 'accept'
  | 'query'
  | 'body'
  | 'handler'

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
}

/** The reason phrase of `status`, or `Error` for one without a registered phrase. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error'
}

/**
 * `problem(R, status, fields, step)` is an RFC 9457 `application/problem+json` response built with
 * the Response class `R`. `type` defaults to `about:blank` and `title` to the reason phrase
 * (RFC 9457 §4.2.1); `step` names the dispatch step that answered.
 */
export function problem(
  R: typeof Response,
  status: number,
  fields: ProblemFields = {},
  step?: Step,
): Response {
  const { headers, type, title, detail, ...extensions } = fields
  const own = {
    type: type ?? 'about:blank',
    title: title ?? reasonPhrase(status),
    status,
    detail,
    // The dispatch step that answered, else the `step` extension a thrower named (a layer's 429).
    step: step ?? (extensions as { step?: unknown }).step,
  }
  // The standard members come first and are ours: an extension cannot overwrite them. An
  // undefined `detail` or `step` is left out by JSON.stringify.
  const body = { ...own, ...extensions, ...own }
  const h = new Headers(headers)
  h.set('content-type', 'application/problem+json')
  return finite(new R(JSON.stringify(body), { status, headers: h }))
}
