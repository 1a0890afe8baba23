import { startNode } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('node (@ferry/node over a socket)', {
  async start() {
    const server = await startNode()
    return { target: socketTarget(server, startNode), stop: () => server.stop() }
  },
  skip: {
    "hands the Worker's ctx.props and ctx.exports to handlers and to Hono behind fromHono":
      'ctx.props and ctx.exports are Workers APIs (from the caller and the Worker itself); this runtime has neither',
  },
})
