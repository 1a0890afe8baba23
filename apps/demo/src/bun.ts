// `pnpm --filter demo start:bun`: the demo on Bun. PORT picks the port (3000 by default).
import { serve } from '@ferry/bun'
import { app } from './app.js'

const port = Number(process.env.PORT ?? 3000)
const server = await serve(app, { port })
console.log(`Ferry demo (Bun) listening on ${server.url}`)
