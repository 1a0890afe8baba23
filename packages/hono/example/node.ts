// The example on Node: `pnpm --filter @ferry/hono example` (PORT to choose the port).
import { serve } from '@ferry/node'
import { app } from './app.js'

const server = await serve(
  // Hono's fetch may answer synchronously and wants Workers' ExecutionContext as its third
  // argument; on Node the bindings are all it needs (Ferry's waitUntil work then simply runs).
  { fetch: async (request, env) => app.fetch(request, env) },
  { port: Number(process.env.PORT ?? 3000), env: { GREETING: 'hello from Node' } },
)
console.log(`listening on ${server.url}`)
