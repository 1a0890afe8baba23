import { startBun } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('bun (@ferry/bun)', {
  async start() {
    const server = await startBun()
    return { target: socketTarget(server, startBun), stop: () => server.stop() }
  },
  skip: {
    'answers HEAD with no body bytes and the GET length or none':
      'bug: Bun.serve answers a HEAD whose Response has a null body with Content-Length: 0, though GET streams an unknown length',
  },
})
