import type { Compiled, Resource } from './compile.js'

/** The lifecycle of an app's resources. */
export interface ResourceState {
  /** The opening under way or done; `undefined` before it, and after a failed one (a retry). */
  opening: Promise<void> | undefined
  /** The build of the app whose resources are all open, if any. */
  open: Compiled | undefined
  /** The closing, once `close()` was called: the app answers 503 from then on. */
  closing: Promise<void> | undefined
  /** The opened resources with their values, in order of opening. */
  opened: [Resource, unknown][]
}

/**
 * Adds `r` to `list`, or throws when `list` has another resource of that name already: on one
 * router (`provide`) and across mounted ones (`compile`), each name is one field of the context.
 * A router mounted twice has its resources listed once.
 */
export function addResource(list: Resource[], r: Resource): void {
  if (list.includes(r)) return
  if (list.some((x) => x.name === r.name)) throw new Error(`resource "${r.name}" is provided twice`)
  list.push(r)
}

/**
 * Opens every resource of `compiled` in order, once (concurrent callers share the attempt), and
 * puts the values on its context prototype; one already open for an earlier build is not opened
 * again. If one fails to open, the ones this call opened are let go again in reverse order (closed
 * unless another app holds them) and the error is thrown; the next request tries again. After
 * `close()`, even one called while opening, it rejects and opens nothing more. A resource is
 * opened once for every app that serves its router (see `acquire`).
 */
export function openResources(state: ResourceState, compiled: Compiled): Promise<void> {
  if (state.closing) return Promise.reject(new Error('the app is closed'))
  // The app changed since (a route, a resource or a mount added): a new build has a new context
  // class, which gets the values, and a resource provided since is opened.
  if (state.open && state.open !== compiled) state.opening = state.open = undefined
  state.opening ??= (async () => {
    const before = state.opened.length
    try {
      for (const resource of compiled.resources) {
        let o = state.opened.find((x) => x[0] === resource)
        if (!o) {
          o = [resource, await acquire(resource)]
          state.opened.push(o)
          // close() came meanwhile: it closes what is open, and nothing more opens.
          if (state.closing) throw new Error('the app is closed')
        }
        // Writable, so that a layer's `next({ db: tx })` can set its own on one context
        // (decision 014): assigning over a read-only inherited property throws.
        Object.defineProperty(compiled.Ctx.prototype, resource.name, {
          value: o[1],
          configurable: true,
          writable: true,
        })
      }
      state.open = compiled
    } catch (e) {
      // Only what this attempt opened (requests may use the others), unless close() does it,
      // and reports what fails. The open's error is the answer: a close failing is logged.
      if (!state.closing)
        await disposeAll(state, before).catch((f) => console.error('[ferry] closing failed:', f))
      state.opening = undefined
      throw e
    }
  })()
  // An open under way for an earlier build puts the values on that build's context class only.
  return state.opening.then(() => {
    if (state.open !== compiled) return openResources(state, compiled)
  })
}

/**
 * Closes opened resources in reverse order, once the open under way is done; every close runs
 * even if one throws. Every later call returns the first one's promise.
 */
export function closeResources(state: ResourceState): Promise<void> {
  state.open = undefined
  state.closing ??= (async () => {
    await state.opening?.catch(() => {})
    await disposeAll(state)
  })()
  return state.closing
}

/**
 * `acquire(r)` is the value of resource `r` for one more app: opened by the first app that asks,
 * shared with every other until the last lets it go (`disposeAll`). A router's resources are
 * its own, whether it serves alone or mounted (decision 016). A failed open is every waiter's
 * error, and the next one to ask opens again.
 */
function acquire(r: Resource): Promise<unknown> {
  // Counted before the open settles, so that an app letting go meanwhile does not close it.
  r.users = (r.users ?? 0) + 1
  // Called in an async function: an `open` that throws rejects as one that fails later does.
  r.value ??= (async () => r.open())()
  // Every waiter's `catch` runs before anyone can ask again: the next asks anew.
  return r.value.catch((e) => {
    r.users!--
    r.value = undefined
    throw e
  })
}

/** Lets go of the opened resources after the first `keep`, in reverse order (see `acquire`). */
async function disposeAll(state: ResourceState, keep = 0): Promise<void> {
  const errors: unknown[] = []
  while (state.opened.length > keep) {
    const [r, value] = state.opened.pop()!
    try {
      // Closed by the last app that held it.
      if (!--r.users!) {
        r.value = undefined
        await r.close?.(value)
      }
    } catch (e) {
      errors.push(e)
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'closing resources failed')
}
