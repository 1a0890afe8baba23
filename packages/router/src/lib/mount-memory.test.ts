import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createRouter } from './router.js'

// A full collection on demand, without a vitest config flag for every package: V8's `gc` global,
// exposed in a fresh context once the flag is set (node:v8 `setFlagsFromString`).
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const Page = kind('GET /page')

/** Mounts `child` in a fresh app that answers one request, and hands back only a weak ref to it. */
async function mountInFreshApp(child: ReturnType<typeof createRouter>): Promise<WeakRef<object>> {
  const app = createRouter().mount('/child', child)
  expect(await (await app.request('/child/page')).text()).toBe('page')
  return new WeakRef(app)
}

describe('a router mounted in an app', () => {
  it('does not keep the app alive', async () => {
    const child = createRouter().route(Page, () => 'page')
    const apps = [await mountInFreshApp(child), await mountInFreshApp(child)]
    // A WeakRef keeps its target until the job that made it ends (ECMA-262 §9.10, KeepDuringJob):
    // a task later, a full collection finds every unreachable app. Rounds, not time, bound it.
    for (let round = 0; round < 5 && apps.some((a) => a.deref()); round++) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      gc()
    }
    expect(apps.map((a) => a.deref())).toEqual([undefined, undefined])
    // The child still serves, and still tells a live app of its changes.
    const app = createRouter().mount('/child', child)
    child.route(kind('GET /late'), () => 'late')
    expect(await (await app.request('/child/late')).text()).toBe('late')
  })
})
