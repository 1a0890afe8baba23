import { createLightResponse } from './light-response.js'

let light: typeof Response | undefined

/**
 * `platformResponse()` is the Response class the router builds with when the adapter supplies
 * none: a `LightResponse` on Node (where undici makes a stream for every body, decision 006) and
 * the global `Response` everywhere else, since Bun.serve, Deno.serve and workerd want their own.
 */
export function platformResponse(): typeof Response {
  const g = globalThis as {
    navigator?: { userAgent?: unknown }
    process?: { versions?: { node?: unknown } }
  }
  // Node 21+ says `Node.js/<version>`; Node 20 has no navigator. Bun, Deno and workerd each have
  // a navigator with their own name, even where they also fill in process.versions.node.
  const ua = g.navigator?.userAgent
  const node =
    ua === undefined
      ? typeof g.process?.versions?.node === 'string'
      : typeof ua === 'string' && ua.startsWith('Node.js')
  if (!node) return Response
  light ??= createLightResponse(Response)
  return light
}
