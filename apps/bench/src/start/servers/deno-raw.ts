// The floor on Deno: Deno.serve with the probed route answered by hand.
import { rawFetch } from '../apps/raw.js'
import { HOST, portArg } from './port.js'

declare const Deno: {
  serve(
    o: { port: number; hostname: string; onListen(): void },
    h: (r: Request) => Response,
  ): unknown
}

// onListen replaces Deno's default "Listening on ..." line; Ferry's adapter does the same.
Deno.serve({ port: portArg(), hostname: HOST, onListen() {} }, rawFetch)
