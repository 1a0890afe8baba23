// Runs the multipart benchmark on Node 20 (no type stripping): bundles multipart.ts with esbuild,
// keeping packages external so `@ferry/body` is the built package, then runs the bundle as its
// own script (so it can start one process per parser).
// Usage: pnpm --filter @ferry/body build && node apps/bench/src/bodies/main.mjs
// (The bench runner's `pnpm bench:bodies` bundles it too, with @ferry/body from source.)
import { spawnSync } from 'node:child_process'
import { build } from 'esbuild'

const outfile = new URL('../../dist/bodies-main.js', import.meta.url).pathname
await build({
  entryPoints: [new URL('./multipart.ts', import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
})
const run = spawnSync(process.execPath, ['--expose-gc', outfile, '--run'], { stdio: 'inherit' })
process.exitCode = run.status ?? 1
