// RFC 9110 §9.1: a method is a token.
export const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * `normalizeMethods(methods)` is `methods` as a `Request` spells them: DELETE, GET, HEAD, OPTIONS,
 * POST and PUT upper-cased in any case they are written, every other method (a case-sensitive
 * token, RFC 9110 §9.1) as written.
 */
export function normalizeMethods(methods: readonly string[]): readonly string[] {
  // The Request constructor applies Fetch's "normalize a method", so the list lives in one place
  // (https://fetch.spec.whatwg.org/#concept-method-normalize). It refuses CONNECT, TRACE and TRACK,
  // which no Request can carry: those stay as written (no request will match them).
  return methods.map((m) => {
    try {
      return new Request('http://h', { method: m }).method
    } catch {
      return m
    }
  })
}
