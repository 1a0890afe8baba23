// Runs the adapter's source on the real Deno (the npm package's binary) and checks what it reports:
// Deno's globals cannot be faked in vitest's Node process without testing the fake instead.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const deno = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'deno')
const source = fileURLToPath(new URL('../index.ts', import.meta.url))

const probe = `
import { connect } from 'node:net'
import { createFileSource, serve } from ${JSON.stringify(source)}
const files = createFileSource(Deno.env.get('ROOT') + '/public')
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
const badHost = await Promise.all(['a?b', 'a/b'].map((host) => new Promise((resolve) => {
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
const refused = await fetch(server.url).then(() => false, () => true)
console.log(JSON.stringify({
  file: await files.stat('/hello.txt'),
  dir: await files.stat('/docs'),
  whole: await text('/hello.txt'),
  range: await text('/hello.txt', { start: 7, end: 11 }),
  alias: await text('/alias.txt'),
  refusedPaths: await Promise.all(
    ['/nope', '/../secret.txt', '/..\\\\secret.txt', '/leak.txt', '/up/secret.txt'].map((p) => files.stat(p)),
  ),
  url: server.url, served, badHost, log, refused,
}))
`

let dir: string
let report: Record<string, any>
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-deno-'))
  await mkdir(join(dir, 'public/docs'), { recursive: true })
  await writeFile(join(dir, 'public/hello.txt'), 'hello, world')
  await writeFile(join(dir, 'secret.txt'), 'top secret')
  await symlink(join(dir, 'secret.txt'), join(dir, 'public/leak.txt'))
  await symlink(join(dir, 'public/hello.txt'), join(dir, 'public/alias.txt'))
  await symlink(dir, join(dir, 'public/up'))
  await writeFile(join(dir, 'probe.ts'), probe)
  // The adapter's source imports the shared serve kit by package name; map it to its source too.
  const kit = fileURLToPath(new URL('../../../router/src/serve.ts', import.meta.url))
  await writeFile(
    join(dir, 'imports.json'),
    JSON.stringify({ imports: { '@ferry/router/serve': kit } }),
  )
  const { stdout } = await promisify(execFile)(
    deno,
    [
      'run',
      '--no-lock',
      '--no-config',
      '--sloppy-imports',
      `--import-map=${join(dir, 'imports.json')}`,
      '-A',
      join(dir, 'probe.ts'),
    ],
    { env: { ...process.env, ROOT: dir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
  )
  report = JSON.parse(stdout)
}, 60_000)
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('serve on Deno', () => {
  it('answers with env and the client address in the context', () => {
    expect(report.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(report.served).toEqual({ env: { A: 1 }, remoteAddress: '127.0.0.1', body: 'hi' })
  })

  it('answers 400 with a problem, before the app, for a Host that names no valid URL', () => {
    expect(report.badHost).toEqual(
      ['a?b', 'a/b'].map((host) => ({ host, status: 'HTTP/1.1 400 Bad Request', problem: true })),
    )
  })

  it('close() waits for waitUntil work, closes the app and stops listening', () => {
    expect(report.log).toEqual(['waited', 'closed'])
    expect(report.refused).toBe(true)
  })
})

describe('createFileSource on Deno', () => {
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

  it('refuses missing paths, dot-dot, backslashes and links leaving the root', () => {
    expect(report.refusedPaths).toEqual([null, null, null, null, null])
  })
})
