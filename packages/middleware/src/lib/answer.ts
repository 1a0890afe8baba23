import {
  type BaseContext,
  type HttpError,
  type ProblemFields,
  isHttpError,
  problem,
} from '@ferry/router'

/**
 * `answer(c, status, fields)` is an `application/problem+json` response, made by the router's own
 * `problem()` with the app's Response class, so it reads and is framed like the router's problems:
 * the Node adapter passes a class whose string bodies it sends with a `Content-Length`, where a
 * global `Response` would go out chunked. Layers return it instead of throwing `HttpError`: a
 * returned answer still passes back out through the outer layers, so `cors()` can label a 413
 * readable and `logger()` can record it, where a thrown error would skip them.
 */
export function answer(c: BaseContext, status: number, fields: ProblemFields = {}): Response {
  return problem(appResponse(c), status, fields)
}

/** `answerError(c, e)` is the problem response for an `HttpError` `e`; anything else is rethrown. */
export function answerError(c: BaseContext, e: unknown): Response {
  if (!isHttpError(e)) throw e
  return answer(c, (e as HttpError).status, (e as HttpError).fields)
}

/**
 * The app's Response class as `problem()` takes one. A layer reaches that class only through
 * `c.respond`: `new` on a function that returns an object yields that object (ECMA-262
 * [[Construct]]), so `new R(body, init)` inside `problem()` is `c.respond(body, init)`.
 */
function appResponse(c: BaseContext): typeof Response {
  return function AppResponse(body: BodyInit | null, init?: ResponseInit) {
    return c.respond(body, init)
  } as unknown as typeof Response
}
