import { startWorkerd } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('workerd (@ferry/cloudflare)', {
  async start() {
    const server = await startWorkerd()
    return { target: socketTarget(server, startWorkerd), stop: () => server.stop() }
  },
})
