import { startWorkerd } from '../src/harness/runtimes.js'
import { defineHonoSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

const startHonoWorker = () => startWorkerd('hono-worker.mjs', 'workerd-hono')

defineHonoSuite('workerd (Hono app with toHono)', {
  async start() {
    const server = await startHonoWorker()
    return { target: socketTarget(server, startHonoWorker), stop: () => server.stop() }
  },
})
