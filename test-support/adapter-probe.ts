// The real-runtime test of the Bun and Deno adapters, written once. Each adapter's test runs its
// source on the npm package's binary (the runtime's globals cannot be faked in vitest's Node
// process without testing the fake instead); the probe prints one JSON report that the cases read.
import { rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeFileTree } from './file-tree.js'

/** Whether this machine can listen on the IPv6 loopback address `::1`. */
function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(0, '::1', () => server.close(() => resolve(true)))
  })
}

/** How an adapter test runs the probe on its runtime. */
export interface ProbeRuntime {
  /** The runtime's name in the test titles (`Bun`, `Deno`). */
  readonly name: string
  /** The adapter's source entry (`src/index.ts`), imported by the probe. */
  readonly source: string
  /** A JavaScript expression reading the environment variable `ROOT` on that runtime. */
  readonly rootExpr: string
  /** Runs the probe file in `dir` (the temporary tree) and resolves with its stdout. */
  run(dir: string, probe: string): Promise<string>
}

const hosts = ['a?b', 'a/b']

function probeText(runtime: ProbeRuntime): string {
  return `
import { connect } from 'node:net'
import { createFileSource, serve } from ${JSON.stringify(runtime.source)}
const files = createFileSource(${runtime.rootExpr} + '/public')
const text = async (path, range) => new Response(await files.read(path, range)).text()
const log = []
const app = {
  async fetch(request, env, ctx) {
    ctx.waitUntil(new Promise((r) => setTimeout(r, 20)).then(() => log.push('waited')))
    return Response.json({ env, remoteAddress: ctx.remoteAddress, body: await request.text() })
  },
  async close() { log.push('closed') },
}
const server = await serve(app, { port: 0, hostname: '127.0.0.1', env: { A: 1 }, handleSignals: false })
const served = await (await fetch(server.url, { method: 'POST', body: 'hi' })).json()
// Hosts that would move the path of the URL the runtime builds (fetch cannot send them).
const badHost = await Promise.all(${JSON.stringify(hosts)}.map((host) => new Promise((resolve) => {
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () =>
    socket.write('GET /x HTTP/1.1\\r\\nHost: ' + host + '\\r\\nConnection: close\\r\\n\\r\\n'))
  let answer = ''
  socket.on('data', (d) => { answer += d })
  socket.on('end', () => resolve({
    host,
    status: answer.split('\\r\\n')[0],
    problem: answer.includes('application/problem+json'),
  }))
})))
await server.close()
// An app whose fetch answers a Response, not a promise (Hono's does for a synchronous handler).
const sync = await serve({ fetch: () => new Response('sync') }, { port: 0, hostname: '127.0.0.1', handleSignals: false })
const syncAnswers = await Promise.all(['GET', 'HEAD'].map(async (method) => {
  const response = await fetch(sync.url, { method })
  return { method, status: response.status, body: await response.text() }
}))
await sync.close()
const refused = await fetch(server.url).then(() => false, () => true)
// No hostname: every interface, IPv4 and IPv6 (Node listens on \`::\`, which takes both).
const open = await serve({ fetch: () => new Response('any') }, { port: 0, handleSignals: false })
const openPort = new URL(open.url).port
const defaults = {
  url: open.url.replace(openPort, 'PORT'),
  answers: await Promise.all(['127.0.0.1', '[::1]'].map((host) =>
    fetch('http://' + host + ':' + openPort + '/').then((r) => r.status, () => 'refused'))),
}
await open.close()
// The \`signal\` option: aborting it closes the server as close() does (the app closed, the port
// refused), and close() after that resolves as well.
const stopper = new AbortController()
const signalLog = []
const bySignal = await serve(
  { fetch: () => new Response('up'), close() { signalLog.push('closed') } },
  { port: 0, hostname: '127.0.0.1', handleSignals: false, signal: stopper.signal },
)
const beforeAbort = await (await fetch(bySignal.url)).text()
stopper.abort()
await bySignal.close()
const signalled = {
  beforeAbort,
  log: signalLog,
  refused: await fetch(bySignal.url).then(() => false, () => true),
}
console.log(JSON.stringify({
  file: await files.stat('/hello.txt'),
  dir: await files.stat('/docs'),
  whole: await text('/hello.txt'),
  range: await text('/hello.txt', { start: 7, end: 11 }),
  alias: await text('/alias.txt'),
  refusedPaths: await Promise.all(
    ['/nope', '/../secret.txt', '/..\\\\secret.txt', '/leak.txt', '/up/secret.txt', '/pipe'].map((p) => files.stat(p)),
  ),
  url: server.url, served, badHost, log, refused, syncAnswers, defaults, signalled,
}))
`
}

/**
 * `describeAdapterProbe(runtime)` declares the cases of an adapter's `serve` and
 * `createFileSource` on the real runtime, over a temporary tree with a file outside the root and
 * symbolic links that stay inside or leave it.
 */
export function describeAdapterProbe(runtime: ProbeRuntime): void {
  let dir: string
  let report: Record<string, any>
  beforeAll(async () => {
    dir = await makeFileTree(`ferry-${runtime.name.toLowerCase()}-`)
    const probe = join(dir, 'probe.ts')
    await writeFile(probe, probeText(runtime))
    report = JSON.parse(await runtime.run(dir, probe))
  }, 60_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  describe(`serve on ${runtime.name}`, () => {
    it('answers with env and the client address in the context', () => {
      expect(report.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      expect(report.served).toEqual({ env: { A: 1 }, remoteAddress: '127.0.0.1', body: 'hi' })
    })

    it('answers 400 with a problem, before the app, for a Host that names no valid URL', () => {
      expect(report.badHost).toEqual(
        hosts.map((host) => ({ host, status: 'HTTP/1.1 400 Bad Request', problem: true })),
      )
    })

    it('serves an app whose fetch answers synchronously, HEAD included', () => {
      expect(report.syncAnswers).toEqual([
        { method: 'GET', status: 200, body: 'sync' },
        { method: 'HEAD', status: 200, body: '' },
      ])
    })

    it('listens on every interface, IPv6 too, when no hostname is given, and says localhost', async () => {
      // A machine without IPv6 loopback cannot reach `[::1]` whatever the adapter does: only the
      // IPv4 answer is asked of it there.
      const v6 = (await hasIpv6Loopback()) ? 200 : expect.anything()
      expect(report.defaults).toEqual({ url: 'http://localhost:PORT/', answers: [200, v6] })
    })

    it('closes the server and the app once the signal option aborts', () => {
      expect(report.signalled).toEqual({ beforeAbort: 'up', log: ['closed'], refused: true })
    })

    it('close() waits for waitUntil work, closes the app and stops listening', () => {
      expect(report.log).toEqual(['waited', 'closed'])
      expect(report.refused).toBe(true)
    })
  })

  describe(`createFileSource on ${runtime.name}`, () => {
    it('stats files and directories', () => {
      expect(report.file).toMatchObject({ size: 12, isDirectory: false })
      expect(report.dir).toMatchObject({ isDirectory: true })
    })

    it('reads whole files, inclusive ranges and links that stay inside', () => {
      expect([report.whole, report.range, report.alias]).toEqual([
        'hello, world',
        'world',
        'hello, world',
      ])
    })

    it('refuses missing paths, dot-dot, backslashes, links leaving the root and a FIFO', () => {
      expect(report.refusedPaths).toEqual([null, null, null, null, null, null])
    })
  })
}
