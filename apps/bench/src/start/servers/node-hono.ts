// Hono on Node through @hono/node-server, as its README starts it.
import { serve } from '@hono/node-server'
import { honoApp } from '../apps/hono.js'
import { HOST, portArg } from './port.js'

serve({ fetch: honoApp.fetch, port: portArg(), hostname: HOST })
