/** A non-2xx answer: its status, and the RFC 9457 problem when the server sent one. */
export class ClientError extends Error {
  override readonly name = 'ClientError'
  constructor(
    readonly status: number,
    readonly response: Response,
    readonly problem: Readonly<Record<string, unknown>> | undefined,
  ) {
    super(answered(response.url || 'request', status, problem))
  }
}

/**
 * `answered(who, status, problem)` is the sentence of a ClientError: who answered what, with the
 * problem's `detail`, or its `title` without one.
 */
export function answered(who: string, status: number, problem: ClientError['problem']): string {
  // RFC 9457 §3.1: a member whose value is not of its type is ignored, as if absent.
  const text = [problem?.detail, problem?.title].find((x) => typeof x === 'string')
  return `${who} answered ${status}${text === undefined ? '' : `: ${text}`}`
}

/** `asProblem(x)` is the parsed body `x` as a problem document, or `undefined`. */
// RFC 9457 §3: a problem document is a JSON object; `null`, arrays and scalars are not one.
export function asProblem(x: unknown): ClientError['problem'] {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
    ? (x as Record<string, unknown>)
    : undefined
}
