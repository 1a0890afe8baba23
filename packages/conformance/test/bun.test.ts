import { startBun } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('bun (@ferry/bun)', {
  async start() {
    const server = await startBun()
    return { target: socketTarget(server, startBun), stop: () => server.stop() }
  },
  skip: {
    "hands the Worker's ctx.props and ctx.exports to handlers and to Hono behind fromHono":
      'ctx.props and ctx.exports are Workers APIs (from the caller and the Worker itself); this runtime has neither',
    'answers a request with two Host header fields with 400, before the app':
      'Bun joins the two lines (`a.example, b.example`) and builds the URL from the first; telling needs the headers read on every request, which the adapter leaves to the routes that read them (see its README)',
    'reads a chunked body with trailer fields and keeps the connection in step':
      'bug: Bun.serve parses the trailer fields after the last chunk as a new request and sends a stray 400 on the connection',
    'sends Date on its answer to a request the HTTP parser refuses':
      "Bun's parser answers a bare 400 with no Date itself, before the adapter runs",
  },
})
