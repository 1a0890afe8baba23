import type { Compiled, Resource } from './compile.js'

/** The lifecycle of an app's resources. */
export interface ResourceState {
  /** The opening under way or done; `undefined` before it, and after a failed one (a retry). */
  opening: Promise<void> | undefined
  /** Whether every resource is open. */
  open: boolean
  /** The closing, once `close()` was called: the app answers 503 from then on. */
  closing: Promise<void> | undefined
  /** The opened resources with their values, in order of opening. */
  opened: [Resource, unknown][]
}

/**
 * Adds `r` to `list`, or throws when `list` has a resource of that name already: on one router
 * (`provide`) and across mounted ones (`compile`), each name is one field of the context.
 */
export function addResource(list: Resource[], r: Resource): void {
  if (list.some((x) => x.name === r.name)) throw new Error(`resource "${r.name}" is provided twice`)
  list.push(r)
}

/**
 * Opens every resource in order, once (concurrent callers share the attempt), and puts the values
 * on the app's context prototype. If one fails to open, the ones opened are closed again in
 * reverse order and the error is thrown; the next request tries again. After `close()`, even one
 * called while opening, it rejects and opens nothing more.
 */
export function openResources(state: ResourceState, compiled: Compiled): Promise<void> {
  if (state.closing) return Promise.reject(new Error('the app is closed'))
  state.opening ??= (async () => {
    try {
      for (const resource of compiled.resources) {
        const value = await resource.open()
        state.opened.push([resource, value])
        // close() came meanwhile: it closes what is open, and nothing more opens.
        if (state.closing) throw new Error('the app is closed')
        Object.defineProperty(compiled.Ctx.prototype, resource.name, { value, configurable: true })
      }
      state.open = true
    } catch (e) {
      try {
        // Unless close() does it, and reports what fails.
        if (!state.closing) await disposeAll(state)
      } finally {
        state.opening = undefined
      }
      throw e
    }
  })()
  return state.opening
}

/**
 * Closes opened resources in reverse order, once the open under way is done; every close runs
 * even if one throws. Every later call returns the first one's promise.
 */
export function closeResources(state: ResourceState): Promise<void> {
  state.open = false
  state.closing ??= (async () => {
    await state.opening?.catch(() => {})
    await disposeAll(state)
  })()
  return state.closing
}

async function disposeAll(state: ResourceState): Promise<void> {
  const errors: unknown[] = []
  for (let o = state.opened.pop(); o; o = state.opened.pop()) {
    try {
      await o[0].close?.(o[1])
    } catch (e) {
      errors.push(e)
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'closing resources failed')
}
