import { existsSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, runtimeBin } from '../lib/env.js'

/** A runtime the start group spawns. */
export type StartRuntime = 'node' | 'bun' | 'deno' | 'workerd'

/** One contender: a server entry bundled to `dist/start/<runtime>-<id>.js`. */
export interface Contender {
  readonly runtime: StartRuntime
  readonly id: 'raw' | 'ferry' | 'hono' | 'whatwg-node'
  readonly name: string
  readonly ours?: boolean
  /** What the row is for, printed in its notes. */
  readonly note?: string
}

/** Every contender, raw floor first in each runtime. */
export const contenders: readonly Contender[] = [
  { runtime: 'node', id: 'raw', name: 'raw node:http' },
  { runtime: 'node', id: 'ferry', name: 'ferry on @ferry/node', ours: true },
  { runtime: 'node', id: 'hono', name: 'hono on @hono/node-server' },
  {
    runtime: 'node',
    id: 'whatwg-node',
    name: 'raw handler on @whatwg-node/server',
    note: "context: @ferry/node's adapter alone",
  },
  { runtime: 'bun', id: 'raw', name: 'raw Bun.serve' },
  { runtime: 'bun', id: 'ferry', name: 'ferry on @ferry/bun', ours: true },
  { runtime: 'bun', id: 'hono', name: 'hono on Bun.serve' },
  { runtime: 'deno', id: 'raw', name: 'raw Deno.serve' },
  { runtime: 'deno', id: 'ferry', name: 'ferry on @ferry/deno', ours: true },
  { runtime: 'deno', id: 'hono', name: 'hono on Deno.serve' },
  { runtime: 'workerd', id: 'raw', name: 'raw module worker' },
  { runtime: 'workerd', id: 'ferry', name: 'ferry on @ferry/cloudflare', ours: true },
  { runtime: 'workerd', id: 'hono', name: 'hono as module worker' },
]

/** The bundle of contender `c`. */
export const bundleOf = (c: Contender) => join(benchDir, 'dist', 'start', `${c.runtime}-${c.id}.js`)

/**
 * The workerd binary of packages/cloudflare's setup (the same package packages/conformance and
 * apps/demo run), reached through the bench's `@ferry/cloudflare` link; `undefined` if absent.
 * The real binary, not a `.bin` shim, so that killing it ends workerd.
 */
export function workerdBin(): string | undefined {
  for (const p of [
    join(
      benchDir,
      'node_modules',
      '@ferry',
      'cloudflare',
      'node_modules',
      'workerd',
      'bin',
      'workerd',
    ),
    join(benchDir, '..', 'demo', 'node_modules', 'workerd', 'bin', 'workerd'),
  ]) {
    if (existsSync(p)) return realpathSync(p)
  }
  return undefined
}

/** The executable of `runtime`, or `undefined` when it is not installed. */
export function binOf(runtime: StartRuntime): string | undefined {
  if (runtime === 'node') return process.execPath
  if (runtime === 'workerd') return workerdBin()
  const bin = runtimeBin(runtime)
  return existsSync(bin) ? bin : undefined
}

/**
 * `workerdConfig(c)` writes (next to the bundle) and returns the path of a workerd config serving
 * contender `c`'s module worker through a socket named `http`; the runner binds that socket to
 * its port with `--socket-addr`. Config schema:
 * https://github.com/cloudflare/workerd/blob/main/src/workerd/server/workerd.capnp
 */
export function workerdConfig(c: Contender): string {
  const path = bundleOf(c).replace(/\.js$/, '.capnp')
  writeFileSync(
    path,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .app)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const app :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "${c.runtime}-${c.id}.js")],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["enable_request_signal"],
);
`,
  )
  return path
}

/**
 * `commandOf(c, port)` is how to start contender `c` on `port`: executable, arguments and extra
 * environment. Deno gets only loopback network access and no update check; workerd its config.
 */
export function commandOf(
  c: Contender,
  bin: string,
  port: number,
  config?: string,
): [string, string[], Record<string, string>] {
  const script = bundleOf(c)
  switch (c.runtime) {
    case 'node':
    case 'bun':
      return [bin, [script, String(port)], {}]
    case 'deno':
      return [
        bin,
        [
          'run',
          '--no-lock',
          '--no-config',
          '--no-npm',
          '--allow-net=127.0.0.1',
          script,
          String(port),
        ],
        { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      ]
    case 'workerd':
      return [bin, ['serve', config!, '--socket-addr', `http=127.0.0.1:${port}`], { NO_COLOR: '1' }]
  }
}
