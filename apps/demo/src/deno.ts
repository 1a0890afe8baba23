// `pnpm --filter demo start:deno`: the demo on Deno. PORT picks the port (3000 by default).
import { serve } from '@ferry/deno'
import { app } from './app.js'

// Deno's global, as far as this entry uses it (the demo is typed for Node).
declare const Deno: { env: { get(name: string): string | undefined } }

const port = Number(Deno.env.get('PORT') ?? 3000)
const server = await serve(app, { port })
console.log(`Ferry demo (Deno) listening on ${server.url}`)
