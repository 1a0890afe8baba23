import { platformResponse } from './platform-response.js'
import {
  createRouter as createNeutralRouter,
  type Router,
  type RouterOptions,
  usePlatformResponse,
} from './router.js'

/**
 * `createRouter<{ env }>(options?)` is an empty router, as in the platform-neutral entry, that
 * builds its answers with `platformResponse()` when the adapter supplies no Response class: the
 * light Response on Node, the global one on Bun and Deno (decision 006). `env` types the runtime
 * bindings seen as `c.env`.
 */
export function createRouter<O extends { env?: unknown } = {}>(
  options?: RouterOptions,
): Router<O['env'], {}> {
  const router = createNeutralRouter<O>(options)
  usePlatformResponse(router, platformResponse)
  return router
}
