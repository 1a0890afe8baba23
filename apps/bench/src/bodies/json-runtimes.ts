// Runs the JSON body bench (json.ts) on Node, Bun and Deno: bundles json-main.ts with esbuild
// (@ferry/* from their TypeScript sources through the bench tsconfig, as scripts/build.mjs does)
// and runs the bundle once per runtime, each in its own process with a time limit.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, runtimeBin } from '../lib/env.js'

/** `runJsonEverywhere()` is the JSON report of every runtime found, printed as it comes. */
export async function runJsonEverywhere(): Promise<string> {
  const { build } = await import('esbuild')
  const outfile = join(benchDir, 'dist', 'bodies-json.js')
  await build({
    entryPoints: [join(benchDir, 'src', 'bodies', 'json-main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    tsconfig: join(benchDir, 'tsconfig.json'),
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  })
  const only = process.env.BENCH_JSON_RUNTIMES
  const runs: [string, string, string[]][] = [
    ['node', process.execPath, [outfile]],
    ['bun', runtimeBin('bun'), [outfile]],
    ['deno', runtimeBin('deno'), ['run', '-A', outfile]],
  ]
  const out: string[] = []
  for (const [name, cmd, args] of runs) {
    if (only && !only.split(',').includes(name)) continue
    if (!existsSync(cmd)) {
      out.push(`_JSON bodies on ${name}: skipped (${cmd} not found)_`, '')
      continue
    }
    const r = spawnSync(cmd, args, {
      cwd: benchDir,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      timeout: 5 * 60_000,
      killSignal: 'SIGKILL',
    })
    const text =
      r.status === 0 ? r.stdout : `_JSON bodies on ${name} failed: exit ${r.status ?? r.signal}_\n`
    console.log(text)
    out.push(text)
  }
  return out.join('\n')
}
