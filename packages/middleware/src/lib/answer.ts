import { type HttpError, type ProblemFields, isHttpError, problem } from '@ferry/router'

/**
 * `answer(status, fields)` is an `application/problem+json` response. Layers return it instead of
 * throwing `HttpError`: a returned answer still passes back out through the outer layers, so
 * `cors()` can label a 413 readable and `logger()` can record it, where a thrown error would skip
 * them.
 */
export function answer(status: number, fields: ProblemFields = {}): Response {
  return problem(Response, status, fields)
}

/** `answerError(e)` is the problem response for an `HttpError` `e`; anything else is rethrown. */
export function answerError(e: unknown): Response {
  if (!isHttpError(e)) throw e
  return answer((e as HttpError).status, (e as HttpError).fields)
}
