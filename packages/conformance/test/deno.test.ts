import { startDeno } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('deno (@ferry/deno)', {
  async start() {
    const server = await startDeno()
    return { target: socketTarget(server, startDeno), stop: () => server.stop() }
  },
  skip: {
    'refuses a 100 KiB request target with 414 or 431':
      "Deno's HTTP server refuses a request head over 64 KiB with a bare 400 before any handler runs",
  },
})
