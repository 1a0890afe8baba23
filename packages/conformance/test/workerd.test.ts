import { startWorkerd } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { staticCases } from '../src/suite/static-cases.js'
import { socketTarget } from '../src/suite/target.js'

// Workers read static files through the assets binding, which Cloudflare serves before the worker;
// there is no disk FileSource to give @ferry/middleware/static.
const noFileSource = 'Workers serve files through the assets binding, not a FileSource'
const noAddress =
  "the adapter reads CF-Connecting-IP, which only Cloudflare's edge sets, never bare workerd"

const noDate =
  "a bare workerd sends no Date (Cloudflare's edge adds it to every answer); adapters add no headers of their own"

defineSuite('workerd (@ferry/cloudflare)', {
  async start() {
    const server = await startWorkerd()
    return { target: socketTarget(server, startWorkerd), stop: () => server.stop() }
  },
  skip: {
    ...Object.fromEntries(staticCases.map(({ name }) => [name, noFileSource])),
    'knows the client address': noAddress,
    'keeps the socket address under a spoofed X-Forwarded-For': noAddress,
    'aborts request.signal when the client goes away':
      'workerd aborts request.signal only once a response has started (the streaming case covers that); a disconnect while the handler is pending goes unseen',
    'exposes a latin1 (obs-text) request header byte as one code unit':
      'bug: workerd decodes request header values as UTF-8, so a lone E9 byte reads as U+FFFD',
    'sends a response header code unit as one byte (latin1), as the Fetch standard does':
      'workerd writes response header values as UTF-8 (é goes out as C3 A9) and cannot send a lone E9 byte',
    'joins two Cookie header lines with "; " as one cookie list':
      'workerd joins repeated Cookie lines with ", " (Node, Bun and Deno use "; "), so a=1, b=2 reads as one cookie a',
    'sends a body the app gzipped itself as it is':
      "workerd gzips again a body sent with Content-Encoding unless its Response has encodeBody: 'manual'; the adapter cannot tell it from a fetch() body workerd decoded, which needs the re-encoding",
    'answers a CONNECT with a 400 problem':
      'workerd answers a CONNECT with a bare 500 (text "Internal Server Error", no problem body), where Node, Bun and Deno give the 400 problem; not traced further',
    'serves an HTTP/1.0 request without Host':
      'workerd answers an HTTP/1.0 request without Host a bare 400 itself, before the worker runs (RFC 9112 §3.2 asks Host of HTTP/1.1 only)',
    "sends Date on the app's answers and on its own 400 problem": noDate,
    'closes the connection after refusing a bad Host':
      "workerd drops a Worker's Connection field (hop-by-hop) and keeps the connection open: a Worker cannot close it; the connection stays usable, as the case with one Connection field checks",
    'sends Date on its answer to a request the HTTP parser refuses': noDate,
    'closes the app (disposing its resources) on SIGTERM':
      'Workers have no shutdown hook, so app.close() never runs (workerd does drain in-flight requests, checked above)',
  },
})
