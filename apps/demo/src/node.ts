// `pnpm start`: the demo on Node. PORT picks the port (3000 by default).
import { serve } from '@ferry/node'
import { app } from './app.js'

const port = Number(process.env.PORT ?? 3000)
const server = await serve(app, { port })
console.log(`Ferry demo listening on ${server.url}`)
