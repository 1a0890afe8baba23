// The example on Node: `pnpm --filter @ferry/hono example` (PORT to choose the port).
import { serve } from '@ferry/node'
import { app } from './app.js'

const server = await serve(
  // Hono's fetch may answer synchronously; Ferry's adapters take a promise.
  { fetch: async (request, env, ctx) => app.fetch(request, env, ctx) },
  { port: Number(process.env.PORT ?? 3000), env: { GREETING: 'hello from Node' } },
)
console.log(`listening on ${server.url}`)
