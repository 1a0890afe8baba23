import { startWorkerd } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { socketTarget } from '../src/suite/target.js'

defineSuite('workerd (@ferry/cloudflare)', {
  async start() {
    const server = await startWorkerd()
    return { target: socketTarget(server, startWorkerd), stop: () => server.stop() }
  },
  skip: {
    'knows the client address':
      "the adapter reads CF-Connecting-IP, which only Cloudflare's edge sets, never bare workerd",
    'aborts request.signal when the client goes away':
      'workerd aborts request.signal only once a response has started (the streaming case covers that); a disconnect while the handler is pending goes unseen',
    'closes the app (disposing its resources) on SIGTERM':
      'Workers have no shutdown hook, so app.close() never runs (workerd does drain in-flight requests, checked above)',
  },
})
