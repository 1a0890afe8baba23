import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** The conformance package's own directory. */
export const packageDir = fileURLToPath(new URL('../../', import.meta.url))
/** Where the bundled fixture entries go (git-ignored). */
export const outDir = `${packageDir}.tmp/fixture/`

/**
 * `buildFixtures()` bundles the fixture app once per runtime entry. Imports of `@ferry/*` resolve
 * through each package's `exports` to its built `dist/`, so the runtimes run what ships.
 */
export async function buildFixtures(): Promise<void> {
  await mkdir(outDir, { recursive: true })
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    // Refuse to silently fall back to sources: only package exports may resolve @ferry/*.
    tsconfigRaw: { compilerOptions: { paths: {} } },
  } as const
  await Promise.all([
    // Node loads the packages itself from node_modules, exactly as an installed app would.
    build({
      ...common,
      entryPoints: [`${packageDir}src/fixture/node.ts`],
      platform: 'node',
      packages: 'external',
    }),
    build({ ...common, entryPoints: [`${packageDir}src/fixture/bun.ts`], platform: 'node' }),
    build({ ...common, entryPoints: [`${packageDir}src/fixture/deno.ts`], platform: 'neutral' }),
    build({
      ...common,
      entryPoints: [
        `${packageDir}src/fixture/worker.ts`,
        `${packageDir}src/fixture/hono-worker.ts`,
      ],
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
    }),
  ])
}
