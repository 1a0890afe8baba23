// Hono on Bun: its app's `fetch` given to Bun.serve.
import { honoApp } from '../apps/hono.js'
import { HOST, portArg } from './port.js'

declare const Bun: {
  serve(o: {
    port: number
    hostname: string
    fetch(r: Request): Response | Promise<Response>
  }): unknown
}

Bun.serve({ port: portArg(), hostname: HOST, fetch: honoApp.fetch })
