/**
 * `withHeaders(response)` is `response` with headers that may be changed: the same object when
 * they already are, otherwise a copy sharing the body. Responses from `fetch` (and some runtimes'
 * own) have immutable headers (Fetch §5.5 "immutable" guard).
 */
export function withHeaders(response: Response): Response {
  try {
    // Setting a header to its current value is the cheapest probe of the guard that exists.
    const probe = response.headers.get('vary')
    if (probe === null) {
      response.headers.set('vary', '')
      response.headers.delete('vary')
    } else {
      response.headers.set('vary', probe)
    }
    return response
  } catch {
    return new Response(response.body, response)
  }
}

/** `appendVary(headers, ...names)` adds `names` to `Vary`, once each, keeping `*` as it is. */
export function appendVary(headers: Headers, ...names: string[]): void {
  const current = headers.get('vary')
  if (current === null || current.trim() === '') {
    headers.set('vary', names.join(', '))
    return
  }
  const have = current.split(',').map((s) => s.trim().toLowerCase())
  if (have.includes('*')) return
  const add = names.filter((n) => !have.includes(n.toLowerCase()))
  if (add.length > 0) headers.set('vary', [current, ...add].join(', '))
}

/** `hasCacheDirective(headers, name)` is whether `Cache-Control` carries the directive `name`. */
export function hasCacheDirective(headers: Headers, name: string): boolean {
  const value = headers.get('cache-control')
  if (value === null) return false
  return value.split(',').some((d) => d.split('=')[0]!.trim().toLowerCase() === name)
}
