// How the size group bundles an app: as a Worker build would, from the working tree's sources.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { benchDir } from '../lib/env.js'

/** The core's size target (issue 7): the typical app at most 8 KiB min+gzip. */
export const BUDGET = 8 * 1024

// The export conditions a Worker or browser bundler applies (esbuild adds `default`).
const CONDITIONS = ['worker', 'import']

/** The target of an `exports` entry under CONDITIONS (`types` is for TypeScript only). */
function pick(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry
  if (typeof entry !== 'object' || entry === null) return undefined
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'default' || CONDITIONS.includes(key)) return pick(value)
  }
  return undefined
}

/**
 * Resolves `@ferry/*` as a bundler resolves the installed packages, through each package's
 * `exports` under CONDITIONS, but to the TypeScript source of the chosen file (`dist/web.js` is
 * `src/web.ts`), so the size is that of what ships to a Worker, built from the working tree.
 */
const ferryByExports: Plugin = {
  name: 'ferry-by-exports',
  setup(b) {
    b.onResolve({ filter: /^@ferry\/[\w-]+(?:\/[\w-]+)?$/ }, (args) => {
      const [, pkg, sub] = /^@ferry\/([\w-]+)(?:\/([\w-]+))?$/.exec(args.path)!
      const dir = join(benchDir, '..', '..', 'packages', pkg!)
      const exports = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports
      const target = pick(exports[sub ? `./${sub}` : '.'])
      if (!target?.startsWith('./dist/'))
        return { errors: [{ text: `no export for ${args.path}` }] }
      return { path: join(dir, 'src', target.slice('./dist/'.length).replace(/\.js$/, '.ts')) }
    })
  },
}

/**
 * The minified bundle of one app file, as a browser or Worker build would ship it, with the
 * minified bytes each source module contributes (esbuild's metafile).
 */
export async function bundle(
  file: string,
): Promise<{ bytes: Uint8Array; modules: [string, number][] }> {
  const r = await build({
    entryPoints: [join(benchDir, 'src', 'size', 'apps', file)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: CONDITIONS,
    plugins: [ferryByExports],
    tsconfig: join(benchDir, 'tsconfig.json'),
    write: false,
    metafile: true,
    logLevel: 'error',
  })
  const inputs = Object.values(r.metafile.outputs)[0]!.inputs
  const modules = Object.entries(inputs)
    .map(([path, { bytesInOutput }]): [string, number] => [path, bytesInOutput])
    .sort((a, b) => b[1] - a[1])
  return { bytes: r.outputFiles[0]!.contents, modules }
}

/** The gzip (level 9) size of minified bytes, as the size table reports it. */
export function gzipSize(min: Uint8Array): number {
  return gzipSync(min, { level: 9 }).byteLength
}
