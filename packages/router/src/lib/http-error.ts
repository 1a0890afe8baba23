/** Extra members of an RFC 9457 problem: `detail`, `type`, and any extension members. */
export interface ProblemFields {
  /** A human-readable explanation specific to this occurrence. */
  detail?: string
  /** A URI naming the problem type; `about:blank` when absent (RFC 9457 §4.2.1). */
  type?: string
  /** A short summary; defaults to the status's reason phrase. */
  title?: string
  /** Headers to send with the problem (e.g. `WWW-Authenticate`, `Allow`). */
  headers?: HeadersInit
  /** Extension members, serialised beside the standard ones (`limit`, `issues`, ...). */
  [extension: string]: unknown
}

/**
 * An `HttpError` is an error that stands for an HTTP answer: the router sends it as an
 * `application/problem+json` response with `status` and the given fields.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  // Declared, then assigned: a class field would be defined first, then set again.
  declare readonly status: number
  declare readonly fields: ProblemFields

  constructor(status: number, fields: ProblemFields = {}) {
    super(fields.detail ?? fields.title ?? `HTTP ${status}`)
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`HttpError status must be an integer from 400 to 599, got ${status}`)
    }
    this.status = status
    this.fields = fields
  }
}

/** Whether `e` is an `HttpError` (also across copies of this package). */
export function isHttpError(e: unknown): e is HttpError {
  return e instanceof HttpError || (e instanceof Error && e.name === 'HttpError' && 'status' in e)
}
