// Fetch "normalize a method": these six are upper-cased when matched case-insensitively, so a
// Request never carries them in another case (https://fetch.spec.whatwg.org/#concept-method-normalize).
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])

/**
 * `normalizeMethods(methods)` is `methods` with each of DELETE, GET, HEAD, OPTIONS, POST and PUT
 * upper-cased, as `new Request` spells them; every other method is a case-sensitive token
 * (RFC 9110 §9.1) and kept as written.
 */
export function normalizeMethods(methods: readonly string[]): readonly string[] {
  return methods.map((m) => {
    const upper = m.toUpperCase()
    return NORMALIZED.has(upper) ? upper : m
  })
}
