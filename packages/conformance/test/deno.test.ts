import { startDeno } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('deno (@ferry/deno)', {
  async start() {
    const server = await startDeno()
    return { target: socketTarget(server, startDeno), stop: () => server.stop() }
  },
  skip: {
    "hands the Worker's ctx.props and ctx.exports to handlers and to Hono behind fromHono":
      'ctx.props and ctx.exports are Workers APIs (from the caller and the Worker itself); this runtime has neither',
    'refuses an HTTP/1.1 request without Host with 400':
      'bug: Deno.serve serves an HTTP/1.1 request without Host (200) instead of refusing it; the adapter cannot tell it from an HTTP/2 request, which has no Host field either',
    'refuses a 100 KiB request target with 414 or 431':
      "Deno's HTTP server refuses a request head over 64 KiB with a bare 400 before any handler runs",
    'closes the connection after refusing a bad Host':
      "Deno.serve (2.9.6) offers no way to close a connection after a response: it ignores a response's Connection: close (the adapter sends none) and closes only when the client asked or left a body unread; the connection stays usable, as the case with one Connection field checks",
  },
})
