// serve() on the real Deno (the npm package's binary): what a shutdown signal does to a response
// that is still streaming when the deadline passes.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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

const exited = (child: ChildProcess) =>
  new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  )

describe('serve on Deno: a shutdown signal', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-deno-signal-'))
    await writeFile(join(dir, 'server.ts'), server)
    await writeFile(
      join(dir, 'imports.json'),
      JSON.stringify({ imports: { '@ferry/router/serve': kit } }),
    )
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('ends the process once the deadline passes with a response still streaming', async () => {
    const args = [
      'run',
      '--no-lock',
      '--no-config',
      '--sloppy-imports',
      '--import-map=imports.json',
    ]
    const child = spawn(deno, [...args, '-A', 'server.ts'], {
      cwd: dir,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
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
