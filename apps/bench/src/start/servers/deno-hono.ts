// Hono on Deno: its app's `fetch` given to Deno.serve.
import { honoApp } from '../apps/hono.js'
import { HOST, portArg } from './port.js'

declare const Deno: {
  serve(
    o: { port: number; hostname: string; onListen(): void },
    h: (r: Request) => Response | Promise<Response>,
  ): unknown
}

Deno.serve({ port: portArg(), hostname: HOST, onListen() {} }, honoApp.fetch)
