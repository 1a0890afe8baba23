import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { outDir, packageDir } from './build-fixtures.js'
import { type ChildServer, startChildServer } from './child-server.js'
import { freePort } from '../../../../test-support/free-port.js'
import { workerdConfig } from './workerd-config.js'

const require = createRequire(import.meta.url)
/** The directory of an installed npm package (its binary lives inside). */
const packageRoot = (name: string) => dirname(require.resolve(`${name}/package.json`))

/** The directory the fixture serves static files from. */
export const filesDir = `${packageDir}fixtures/public/`

// The real binaries, not node_modules/.bin shell wrappers: a signal sent to a wrapper's PID would
// not reach the runtime.
const binaries = {
  bun: () => `${packageRoot('bun')}/bin/bun.exe`,
  deno: () => `${packageRoot('deno')}/deno`,
  workerd: () => `${packageRoot('workerd')}/bin/workerd`,
}

/**
 * `identified(server, runtime)` is `server` once its `/runtime` answers `runtime`: a port found
 * free a moment earlier could have been taken by another runner's server, which would also accept
 * the TCP connection the harness waits for.
 */
async function identified(server: ChildServer, runtime: string): Promise<ChildServer> {
  const answer = await fetch(new URL('/runtime', server.url))
    .then((response) => response.json() as Promise<{ runtime?: string }>)
    .catch((error: unknown) => ({ runtime: `unreachable (${String(error)})` }))
  if (answer.runtime === runtime) return server
  await server.stop()
  throw new Error(
    `${server.url} answered as ${answer.runtime}, not ${runtime}:\n${server.output()}`,
  )
}

const fixtureEnv = (port: number) => ({
  PORT: String(port),
  FIXTURE_FILES: filesDir,
  NO_COLOR: '1',
})

/** The fixture served by `node` through `@ferry/node`. */
export async function startNode(): Promise<ChildServer> {
  const port = await freePort()
  const server = await startChildServer({
    command: process.execPath,
    args: [`${outDir}node.mjs`],
    port,
    env: fixtureEnv(port),
  })
  return identified(server, 'node')
}

/** The fixture served by `bun` through `@ferry/bun`. */
export async function startBun(): Promise<ChildServer> {
  const port = await freePort()
  const server = await startChildServer({
    command: binaries.bun(),
    args: ['run', `${outDir}bun.mjs`],
    port,
    env: { ...fixtureEnv(port), BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' },
  })
  return identified(server, 'bun')
}

/** The fixture served by `deno` through `@ferry/deno`. */
export async function startDeno(): Promise<ChildServer> {
  const port = await freePort()
  const server = await startChildServer({
    command: binaries.deno(),
    args: [
      'run',
      '--no-lock',
      '--no-config',
      '--no-npm',
      '--allow-net=127.0.0.1',
      `--allow-read=${filesDir}`,
      '--allow-env=PORT,FIXTURE_FILES',
      `${outDir}deno.mjs`,
    ],
    port,
    env: { ...fixtureEnv(port), DENO_NO_UPDATE_CHECK: '1' },
  })
  return identified(server, 'deno')
}

/**
 * `startWorkerd(script, runtime)` serves the bundled worker `script` (by default the fixture
 * through `@ferry/cloudflare`) on workerd from a generated config; `runtime` is what its
 * `/runtime` answers.
 */
export async function startWorkerd(
  script = 'worker.mjs',
  runtime = 'workerd',
): Promise<ChildServer> {
  const port = await freePort()
  const config = `${outDir}workerd-${port}.capnp`
  await writeFile(config, workerdConfig({ port, script }))
  const server = await startChildServer({
    command: binaries.workerd(),
    args: ['serve', config],
    cwd: outDir,
    port,
    env: { NO_COLOR: '1' },
  })
  return identified(server, runtime)
}
