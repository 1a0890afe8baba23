// Ferry on Bun: `serve(app, options)` from @ferry/bun.
import { serve } from '@ferry/bun'
import { ferryApp } from '../apps/ferry.js'
import { HOST, portArg } from './port.js'

await serve(ferryApp, { port: portArg(), hostname: HOST })
