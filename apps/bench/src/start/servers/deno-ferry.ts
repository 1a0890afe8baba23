// Ferry on Deno: `serve(app, options)` from @ferry/deno.
import { serve } from '@ferry/deno'
import { ferryApp } from '../apps/ferry.js'
import { HOST, portArg } from './port.js'

await serve(ferryApp, { port: portArg(), hostname: HOST })
