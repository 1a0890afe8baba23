import { createFileSource, serve } from '@ferry/node'
import { createFixtureApp } from '../src/fixture/app.js'
import { filesDir } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { RawConnection } from '../src/suite/raw-http.js'
import { rawExchange } from '../src/suite/target.js'

// @ferry/node's serve() inside the test process, over a real socket on 127.0.0.1.
defineSuite('node in-process (serve over a socket)', {
  async start() {
    const app = createFixtureApp({ runtime: 'node-serve', files: createFileSource(filesDir) })
    const server = await serve(app, {
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
    'fails the body read of a request whose client leaves before sending it all':
      'bug: @ferry/node leaves request.arrayBuffer() pending forever when the client disconnects mid-body (sized or chunked); request.signal aborts, the read never settles',
    'sends a response header code unit as one byte (latin1), as the Fetch standard does':
      "bug: @ferry/node's fast Response (ctx.Response) with a string body writes header values as UTF-8 (é goes out as C3 A9; with a bytes body, or the global Response, it is E9 as on Bun and Deno)",
    "frames a body by its real length when the app's Content-Length is wrong":
      "bug: @ferry/node sends the app's Content-Length: 10 with a 5-byte body, so a keep-alive client waits for bytes that never come",
    'finishes an in-flight request on SIGTERM, then exits':
      'signals would reach the test runner itself; the child-process node runner covers them',
    'closes the app (disposing its resources) on SIGTERM':
      'signals would reach the test runner itself; the child-process node runner covers them',
  },
})
