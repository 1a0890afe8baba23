import { HttpError, isHttpError } from '@ferry/router'

/** The name of a limit, as set in options and reported in the `limit` member of a 413 problem. */
export type LimitName =
  | 'bodySize'
  | 'parts'
  | 'files'
  | 'headerSize'
  | 'headerPairs'
  | 'fieldSize'
  | 'fileSize'
  | 'depth'
  | 'fields'

/** What is wrong with a malformed body, as reported in the `defect` member of a 400 problem. */
export type BodyDefect =
  | 'boundary'
  | 'delimiter'
  | 'truncated'
  | 'header'
  | 'disposition'
  | 'encoding'
  | 'json'
  | 'proto'
  | 'duplicate'

/**
 * `tooLarge(limit, max, detail, extra)` is the 413 problem for a body over `limit` (at most `max`).
 */
export function tooLarge(
  limit: LimitName,
  max: number,
  detail: string,
  extra?: Record<string, unknown>,
): HttpError {
  return new HttpError(413, { detail, limit, max, ...extra })
}

/** `malformed(defect, detail, extra)` is the 400 problem for a body that breaks its format. */
export function malformed(
  defect: BodyDefect,
  detail: string,
  extra?: Record<string, unknown>,
): HttpError {
  return new HttpError(400, { detail, defect, ...extra })
}

/**
 * `readFailure(error, signal)` is what a failed read of the request body throws: a problem of
 * ours, or the signal's reason, as it is; any other error (the runtime's, for a connection that
 * broke off mid-body: Deno's `BadResource`, a reset) a 400 `truncated` with that error as its
 * `cause`. The router answers the problem, where it would log a bare error as the app's own.
 */
export function readFailure(error: unknown, signal: AbortSignal | undefined): unknown {
  if (isHttpError(error) || signal?.aborted) return error
  const problem = malformed('truncated', 'the request body broke off before its end')
  problem.cause = error
  return problem
}

/** `unsupported(detail, extra)` is the 415 problem for a body (or part) of a type not accepted. */
export function unsupported(detail: string, extra?: Record<string, unknown>): HttpError {
  return new HttpError(415, { detail, ...extra })
}

/** One validation issue as a problem member: a message and the path to the value. */
export interface BodyIssue {
  readonly message: string
  readonly path: readonly (string | number)[]
}

/** `invalid(issues, detail)` is the 422 problem for a body that fails its schema. */
export function invalid(issues: readonly BodyIssue[], detail?: string): HttpError {
  return new HttpError(422, {
    detail: detail ?? `the body failed validation: ${describe(issues)}`,
    issues,
  })
}

function describe(issues: readonly BodyIssue[]): string {
  const first = issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message)
  return first.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '')
}
