/**
 * `setAside(x)` is whether `x` is a thenable: any promise, of this realm or another (an iframe,
 * `node:vm`, where `instanceof Promise` fails), or a promise-like. A URL is decoded and encoded
 * synchronously, so the callers treat such an answer as no answer; its rejection is handled here,
 * since one that nobody awaits would end a Node process.
 */
export function setAside(x: unknown): boolean {
  if (typeof (x as Partial<PromiseLike<unknown>> | null)?.then !== 'function') return false
  Promise.resolve(x).catch(() => {})
  return true
}
