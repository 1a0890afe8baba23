import { createFileSource, serve } from '@ferry/node'
import { createFixtureApp } from '../src/fixture/app.js'
import { withBrokenFetch } from '../src/fixture/broken-app.js'
import { filesDir } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { RawConnection } from '../src/suite/raw-http.js'
import { rawExchange } from '../src/suite/target.js'

// @ferry/node's serve() inside the test process, over a real socket on 127.0.0.1.
defineSuite('node in-process (serve over a socket)', {
  async start() {
    const app = createFixtureApp({ runtime: 'node-serve', files: createFileSource(filesDir) })
    const server = await serve(withBrokenFetch(app), {
      port: 0,
      hostname: '127.0.0.1',
      env: { GREETING: 'hello from env' },
      handleSignals: false,
    })
    const target = {
      fetch: (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init),
      decodesContent: true,
      raw: (head: string) => rawExchange(server.url, head),
      connect: () => RawConnection.open(server.url),
    }
    return { target, stop: () => server.close() }
  },
  skip: {
    "hands the Worker's ctx.props and ctx.exports to handlers and to Hono behind fromHono":
      'ctx.props and ctx.exports are Workers APIs (from the caller and the Worker itself); this runtime has neither',
    'finishes an in-flight request on SIGTERM, then exits':
      'signals would reach the test runner itself; the child-process node runner covers them',
    'closes the app (disposing its resources) on SIGTERM':
      'signals would reach the test runner itself; the child-process node runner covers them',
  },
})
