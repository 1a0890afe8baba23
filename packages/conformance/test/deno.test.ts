import { startDeno } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('deno (@ferry/deno)', {
  async start() {
    const server = await startDeno()
    return { target: socketTarget(server, startDeno), stop: () => server.stop() }
  },
})
