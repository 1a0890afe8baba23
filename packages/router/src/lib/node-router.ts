import { platformResponse } from './platform-response.js'
import {
  createRouter as createNeutralRouter,
  type DeclaredVars,
  type KnownKeys,
  type Router,
  type RouterDeclaration,
  type RouterOptions,
  usePlatformResponse,
} from './router.js'

/**
 * `createRouter<{ env, vars }>(options?)` is an empty router, as in the platform-neutral entry,
 * that builds its answers with `platformResponse()` when the adapter supplies no Response class:
 * the light Response on Node, the global one on Bun and Deno (decision 006). `env` types the
 * runtime bindings seen as `c.env`, `vars` the fields an embedding gives with each request.
 */
export function createRouter<O extends RouterDeclaration & KnownKeys<O> = {}>(
  options?: RouterOptions,
): Router<O['env'], DeclaredVars<O>, DeclaredVars<O>> {
  const router = createNeutralRouter<O>(options)
  usePlatformResponse(router, platformResponse)
  return router
}
