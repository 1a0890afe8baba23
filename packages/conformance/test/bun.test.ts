import { startBun } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('bun (@ferry/bun)', {
  async start() {
    const server = await startBun()
    return { target: socketTarget(server, startBun), stop: () => server.stop() }
  },
})
