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

// Reason phrases (RFC 9110 §15, RFC 6585 for 428 and 429) at the index `status % 100`, split
// once; an empty slot is a status without one here. The whole registry would cost a Worker
// bundle about 170 B more (gzip).
const CLIENT =
  'Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable||Request Timeout|Conflict|Gone||Precondition Failed|Content Too Large||Unsupported Media Type|Range Not Satisfiable||||||Unprocessable Content||||||Precondition Required|Too Many Requests'.split(
    '|',
  )
const SERVER =
  'Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout'.split('|')

/** The reason phrase of `status`, or `Error` for one without a registered phrase here. */
export function reasonPhrase(status: number): string {
  return (status > 399 && status < 600 && (status < 500 ? CLIENT : SERVER)[status % 100]) || 'Error'
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
