// Context for Ferry on Node: the adapter underneath @ferry/node (@whatwg-node/server, with its own
// Response class) serving the raw handler, without Ferry. Its start cost is what @ferry/node
// inherits from it.
import { createServer, type RequestListener } from 'node:http'
import { createServerAdapter, Response as FastResponse } from '@whatwg-node/server'
import { rawAnswer } from '../apps/raw.js'
import { HOST, portArg } from './port.js'

const adapter = createServerAdapter((request: Request) => {
  const url = new URL(request.url)
  const body = rawAnswer(request.method, url.pathname)
  return body === undefined
    ? new FastResponse('nothing here', { status: 404 })
    : new FastResponse(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } })
})

createServer(adapter as unknown as RequestListener).listen(portArg(), HOST)
