// Ferry on Node, started as the demo starts it: `serve(app, options)` from @ferry/node.
import { serve } from '@ferry/node'
import { ferryApp } from '../apps/ferry.js'
import { HOST, portArg } from './port.js'

await serve(ferryApp, { port: portArg(), hostname: HOST })
