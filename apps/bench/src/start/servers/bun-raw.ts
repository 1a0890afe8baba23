// The floor on Bun: Bun.serve with the probed route answered by hand.
import { rawFetch } from '../apps/raw.js'
import { HOST, portArg } from './port.js'

declare const Bun: {
  serve(o: { port: number; hostname: string; fetch(r: Request): Response }): unknown
}

Bun.serve({ port: portArg(), hostname: HOST, fetch: rawFetch })
