// serve() on the real Bun (the npm package's binary): what close() does to work that outlives
// shutdownTimeout.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeShutdownProbe } from '../../../../test-support/shutdown-probe.js'
import { trickle } from '../../../../test-support/trickle.js'

const bun = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe')

describeShutdownProbe({
  name: 'Bun',
  source: fileURLToPath(new URL('../index.ts', import.meta.url)),
  async command(_dir, probe) {
    return { file: bun, args: ['run', probe] }
  },
})

// serve() with a short requestTimeout on the real Bun, against clients that trickle their bytes.
describe('serve on Bun with requestTimeout', () => {
  let child: ChildProcess
  let url: string
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-bun-timeout-'))
    const source = JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url)))
    await writeFile(
      join(dir, 'server.ts'),
      `import { serve } from ${source}
const app = { async fetch(request) { return new Response(String((await request.text()).length)) } }
const server = await serve(app, { port: 0, hostname: '127.0.0.1', requestTimeout: 1000 })
console.log(server.url)
`,
    )
    child = spawn(bun, ['run', join(dir, 'server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] })
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()))
      child.once('exit', (code) => reject(new Error(`bun exited with ${code}`)))
    })
  }, 30_000)
  afterAll(async () => {
    child?.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  })

  it('closes a connection whose body trickles past requestTimeout', async () => {
    const head = 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n'
    // Bun looks for idle connections every few seconds; its own default would take 10 s or more.
    const { closedBy } = await trickle(url, head, 8000)
    expect(closedBy).toBe('server')
  })

  it('refuses a negative requestTimeout with a RangeError', async () => {
    const { serve } = await import('./serve.js')
    await expect(
      serve({ fetch: async () => new Response() }, { requestTimeout: -1 }),
    ).rejects.toThrow('requestTimeout must be a number of milliseconds, 0 or more; got -1')
  })
})
