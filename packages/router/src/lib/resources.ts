import type { Compiled, Resource } from './compile.js'

/** The lifecycle of an app's resources. */
export interface ResourceState {
  status: 'closed' | 'opening' | 'open' | 'closed-for-good'
  opened: { resource: Resource; value: unknown }[]
  pending: Promise<void> | undefined
}

/**
 * Opens every resource in order, once (concurrent callers share the attempt), and puts the values
 * on the app's context prototype. If one fails to open, the ones opened are closed again in
 * reverse order and the error is thrown; the next request tries again.
 */
export function openResources(state: ResourceState, compiled: Compiled): Promise<void> {
  if (state.status === 'open') return Promise.resolve()
  if (state.status === 'closed-for-good') return Promise.reject(new Error('the app is closed'))
  state.pending ??= (async () => {
    state.status = 'opening'
    try {
      for (const resource of compiled.resources) {
        const value = await resource.open()
        state.opened.push({ resource, value })
        Object.defineProperty(compiled.Ctx.prototype, resource.name, { value, configurable: true })
      }
      state.status = 'open'
    } catch (e) {
      await disposeAll(state)
      state.status = 'closed'
      throw e
    } finally {
      state.pending = undefined
    }
  })()
  return state.pending
}

/** Closes opened resources in reverse order; every close runs even if one throws. */
export async function closeResources(state: ResourceState): Promise<void> {
  if (state.pending) await state.pending.catch(() => {})
  state.status = 'closed-for-good'
  await disposeAll(state)
}

async function disposeAll(state: ResourceState): Promise<void> {
  const errors: unknown[] = []
  while (state.opened.length > 0) {
    const { resource, value } = state.opened.pop()!
    try {
      await resource.close?.(value)
    } catch (e) {
      errors.push(e)
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'closing resources failed')
}
