import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The example's Workers entry (a Hono app that mounts Ferry under /api), bundled with esbuild and
// run on the real workerd binary from the `workerd` npm package, over real HTTP.
const pkg = fileURLToPath(new URL('..', import.meta.url))
const workerd = join(pkg, 'node_modules/workerd/bin/workerd')
const STARTUP_LIMIT_MS = 20_000

let dir: string
let child: ChildProcess | undefined
let base: string
let fixtureBase: string
let stderr = ''

// The fixture's socket takes Workers' `request.cf` from a `cf-blob` header, as the edge sets it.
function config(port: number, fixturePort: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker), (name = "fixture", worker = .fixture)],
  sockets = [
    (name = "http", address = "127.0.0.1:${port}", http = (), service = "main"),
    (name = "fixture", address = "127.0.0.1:${fixturePort}", http = (cfBlobHeader = "cf-blob"), service = "fixture"),
  ],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [(name = "GREETING", text = "hello from workerd")],
);
const fixture :Workerd.Worker = (
  modules = [(name = "fixture.js", esModule = embed "fixture.js")],
  compatibilityDate = "2025-09-01",
);
`
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** Resolves once something accepts connections on `port`; rejects if workerd exits or is slow. */
async function waitForPort(port: number, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`workerd exited (${proc.exitCode}): ${stderr}`)
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => resolve(socket.destroy() !== undefined))
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error(`workerd did not listen on ${port}: ${stderr}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-hono-workerd-'))
  const bundle = (entry: string, out: string) =>
    build({
      entryPoints: [join(pkg, entry)],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker'],
      tsconfig: join(pkg, 'tsconfig.json'),
      outfile: join(dir, out),
    })
  await bundle('example/worker.ts', 'worker.js')
  await bundle('test/workerd-fixture.ts', 'fixture.js')
  const port = await freePort()
  const fixturePort = await freePort()
  await writeFile(join(dir, 'config.capnp'), config(port, fixturePort))
  child = spawn(workerd, ['serve', 'config.capnp'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
  })
  base = `http://127.0.0.1:${port}`
  fixtureBase = `http://127.0.0.1:${fixturePort}`
  await waitForPort(port, child)
  await waitForPort(fixturePort, child)
}, STARTUP_LIMIT_MS + 20_000)

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  if (dir) await rm(dir, { recursive: true, force: true })
})

const get = (path: string, init?: RequestInit) => fetch(base + path, init)

describe('the Hono-embedded Ferry app on workerd', () => {
  it('serves Ferry under /api with the Workers binding and prefixed links', async () => {
    const res = await get('/api/posts/2')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      id: 2,
      self: '/api/posts/2',
      greeting: 'hello from workerd',
    })
  })

  it('falls through to Hono routes and to Hono 404s', async () => {
    expect(await (await get('/api/legacy')).json()).toEqual({ from: 'hono' })
    expect(await (await get('/')).text()).toMatch(/^Hono at the root/)
    const missing = await get('/api/nope')
    expect(missing.status).toBe(404)
    expect(await missing.text()).toBe('404 Not Found')
  })

  it("answers Ferry's 405 inside Hono's cors", async () => {
    const res = await get('/api/posts/2', { method: 'PUT' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    await res.body?.cancel()
  })

  it('runs waitUntil work on the Workers execution context', async () => {
    const before = (await (await get('/api/visits')).json()).visits as number
    expect((await get('/api/visits', { method: 'POST' })).status).toBe(202)
    await expect.poll(async () => (await (await get('/api/visits')).json()).visits).toBe(before + 1)
  })

  it('streams an upload back while it is still being sent', async () => {
    let push!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = controller
      },
    })
    push.enqueue(new TextEncoder().encode('one;'))
    const res = await get('/api/echo', { method: 'POST', body, duplex: 'half' } as RequestInit)
    const reader = res.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('one;')
    push.enqueue(new TextEncoder().encode('two'))
    push.close()
    let rest = ''
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value)
    expect(rest).toBe('two')
  })

  // 64 KiB: Node's fetch writes the whole body before it reads the answer, so an echo much larger
  // than the socket buffers would stall the client, not workerd (curl echoes 1 MiB fine).
  it('passes a binary upload through and back, bytes unchanged', async () => {
    const bytes = new Uint8Array(64 * 1024).map((_, i) => (i * 7919) % 256)
    const res = await get('/api/echo', { method: 'POST', body: bytes })
    expect(res.status).toBe(200)
    const back = Buffer.from(await res.arrayBuffer())
    expect(back.length).toBe(bytes.length)
    expect(back.equals(bytes)).toBe(true)
  })
})

describe('a body Hono read before Ferry, on workerd', () => {
  it("keeps Workers' request.cf on the request Ferry gets", async () => {
    const res = await fetch(`${fixtureBase}/validated/where`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-blob': '{"country":"NZ"}' },
      body: '{"a":1}',
    })
    expect(await res.json()).toEqual({ country: 'NZ', body: { a: 1 } })
  })
})
