import { createFileSource } from '@ferry/node'
import { createFixtureApp } from '../src/fixture/app.js'
import { filesDir } from '../src/harness/runtimes.js'
import { defineSuite } from '../src/suite/define-suite.js'
import { adapterAnswerCases } from '../src/suite/adapter-answer-cases.js'
import { connectionCases } from '../src/suite/connection-cases.js'
import { wireCases } from '../src/suite/wire-cases.js'

const noHttp = 'no HTTP in-process: app.fetch takes a Request, no bytes are parsed or framed'
const noAdapter =
  'no adapter in-process: a fetch that throws or rejects reaches the caller of app.fetch'

// The fixture called in-process through app.fetch, with no server: what the app itself promises.
defineSuite('node in-process (app.fetch)', {
  async start() {
    const app = createFixtureApp({ runtime: 'node-fetch', files: createFileSource(filesDir) })
    const env = { GREETING: 'hello from env' }
    const ctx = { waitUntil: (promise: Promise<unknown>) => void promise.catch(() => {}) }
    const target = {
      fetch: (path: string, init?: RequestInit) =>
        app.fetch(new Request(new URL(path, 'http://in-process.test'), init), env, ctx),
    }
    return { target, stop: () => app.close() }
  },
  skip: {
    "hands the Worker's ctx.props and ctx.exports to handlers and to Hono behind fromHono":
      'ctx.props and ctx.exports are Workers APIs (from the caller and the Worker itself); this runtime has neither',
    ...Object.fromEntries([...wireCases, ...connectionCases].map(({ name }) => [name, noHttp])),
    ...Object.fromEntries(adapterAnswerCases.map(({ name }) => [name, noAdapter])),
    'answers a Host header that names no valid URL with a 400 problem, before the app':
      'no HTTP in-process: the caller of app.fetch builds the URL, and new Request() refuses a bad one',
    'answers a request with two Host header fields with 400, before the app': noHttp,
    'resolves dot segments in the request target as URL parsing does, on every runtime':
      'no HTTP in-process: the caller of app.fetch builds the URL, and new Request() resolves them',
    'knows the client address': 'no socket in-process: the caller of app.fetch supplies it',
    'keeps the socket address under a spoofed X-Forwarded-For':
      'no socket in-process: the caller of app.fetch supplies it',
    'finishes an in-flight request on SIGTERM, then exits':
      'no process to signal in-process; @ferry/node serve tests cover close()',
    'closes the app (disposing its resources) on SIGTERM':
      'no process to signal in-process; @ferry/node serve tests cover close()',
  },
})
