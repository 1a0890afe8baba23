import type { Found } from './find.js'

/** The `Allow` value for a path's candidates (RFC 9110 §10.2.1), or `undefined` for any-method. */
export function allowOf(candidates: readonly Found[]): string | undefined {
  if (candidates.length === 1) return candidates[0]!.route.allow
  const methods: string[] = []
  for (const f of candidates) {
    if (f.route.methods.length === 0) return undefined
    methods.push(...f.route.methods)
  }
  return allowOfMethods(methods)
}

/** The `Allow` value for one route's methods, computed once when the router compiles. */
export function allowOfMethods(methods: readonly string[]): string | undefined {
  if (methods.length === 0) return undefined
  const set = new Set(methods)
  if (set.has('GET')) set.add('HEAD')
  set.add('OPTIONS')
  return [...set].join(', ')
}
