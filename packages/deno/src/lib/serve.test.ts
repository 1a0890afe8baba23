// serve() on the real Deno (the npm package's binary): what close() and a shutdown signal do to
// a response that is still streaming when the deadline passes.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { describeShutdownProbe } from '../../../../test-support/shutdown-probe.js'

const deno = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'deno')
const source = fileURLToPath(new URL('../index.ts', import.meta.url))
const kit = fileURLToPath(new URL('../../../router/src/serve.ts', import.meta.url))

// A server whose one route streams forever, with a 200 ms shutdown deadline; prints its URL.
const server = `
import { serve } from ${JSON.stringify(source)}
const encoder = new TextEncoder()
const app = {
  async fetch() {
    const body = new ReadableStream({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 20))
        controller.enqueue(encoder.encode('tick\\n'))
      },
    })
    return new Response(body)
  },
  close() { console.log('app closed') },
}
const { url } = await serve(app, { port: 0, hostname: '127.0.0.1', shutdownTimeout: 200 })
console.log(url)
`

// The adapter's source imports the shared serve kit by package name: map it to its source too.
const denoArgs = [
  'run',
  '--no-lock',
  '--no-config',
  '--sloppy-imports',
  '--import-map=imports.json',
]
const denoEnv = { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }
const writeImportMap = (dir: string) =>
  writeFile(join(dir, 'imports.json'), JSON.stringify({ imports: { '@ferry/router/serve': kit } }))

describeShutdownProbe({
  name: 'Deno',
  source,
  async command(dir, probe) {
    await writeImportMap(dir)
    return { file: deno, args: [...denoArgs, '-A', probe], env: denoEnv }
  },
})

// close() with a request in flight: Deno listens on until it is done (see serve.ts). Prints what
// a request made meanwhile got, what the one in flight got, and whether the server still answers.
const inFlight = `
import { serve } from ${JSON.stringify(source)}
let release
const app = {
  async fetch(request) {
    if (new URL(request.url).pathname !== '/slow') return new Response('served')
    await new Promise((r) => { release = r })
    return new Response('finished')
  },
}
const server = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
const slow = fetch(new URL('/slow', server.url))
while (release === undefined) await new Promise((r) => setTimeout(r, 10))
const closed = server.close()
const meanwhile = await fetch(server.url)
release()
const inFlight = await (await slow).text()
await closed
const after = await fetch(server.url).then(() => 'served', () => 'refused')
console.log(JSON.stringify({
  meanwhile: {
    status: meanwhile.status,
    type: meanwhile.headers.get('content-type'),
    connection: meanwhile.headers.get('connection'),
    problem: await meanwhile.json(),
  },
  inFlight,
  after,
}))
`

describe('close() on Deno with a request in flight', () => {
  let report: Record<string, any>
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-deno-in-flight-'))
    await writeFile(join(dir, 'in-flight.ts'), inFlight)
    await writeImportMap(dir)
    const { stdout } = await promisify(execFile)(deno, [...denoArgs, '-A', 'in-flight.ts'], {
      cwd: dir,
      env: { ...process.env, ...denoEnv },
      timeout: 30_000,
    })
    report = JSON.parse(stdout)
  }, 60_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('answers a request made meanwhile 503 with a problem, claiming no close Deno does not do', () => {
    // Deno ignores a response's Connection: close and adds its own when it closes (README).
    expect(report.meanwhile).toEqual({
      status: 503,
      type: 'application/problem+json',
      connection: null,
      problem: {
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'the server is shutting down',
      },
    })
  })

  it('lets the request in flight finish, then stops listening', () => {
    expect(report.inFlight).toBe('finished')
    expect(report.after).toBe('refused')
  })
})

const exited = (child: ChildProcess) =>
  new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  )

describe('serve on Deno: a shutdown signal', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-deno-signal-'))
    await writeFile(join(dir, 'server.ts'), server)
    await writeImportMap(dir)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('ends the process once the deadline passes with a response still streaming', async () => {
    const child = spawn(deno, [...denoArgs, '-A', 'server.ts'], {
      cwd: dir,
      env: { ...process.env, ...denoEnv },
    })
    try {
      const exit = exited(child)
      let output = ''
      const url = await new Promise<string>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk
          if (output.includes('\n')) resolve(output.trim())
        }),
      )
      const reader = (await fetch(url)).body!.getReader()
      await reader.read()
      child.kill('SIGTERM')
      const late = new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))
      expect(await Promise.race([exit, late])).toBe(0)
      expect(output).toContain('app closed')
      await reader.cancel().catch(() => {})
    } finally {
      child.kill('SIGKILL')
    }
  }, 20_000)
})

describe('serve on Deno with requestTimeout', () => {
  it('refuses a negative requestTimeout with a RangeError, before asking Deno for anything', async () => {
    const { serve } = await import('./serve.js')
    await expect(
      serve({ fetch: async () => new Response() }, { requestTimeout: -1 }),
    ).rejects.toThrow('requestTimeout must be a number of milliseconds, 0 or more; got -1')
  })

  it('warns that it cannot bound a request when a limit is asked for, not for 0', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const { serve } = await import('./serve.js')
      const app = { fetch: async () => new Response() }
      // Under Node there is no Deno to listen with: each call rejects after the options are read.
      await serve(app, { requestTimeout: 5000 }).catch(() => {})
      await serve(app, { requestTimeout: 0 }).catch(() => {})
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        /^\[ferry\] requestTimeout has no effect on Deno: Deno\.serve has no timeout/,
      )
    } finally {
      warn.mockRestore()
    }
  })
})
