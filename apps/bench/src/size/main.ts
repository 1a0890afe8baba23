import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { benchDir, header } from '../lib/env.js'
import { type Row, table } from '../lib/table.js'

const BUDGET = 8 * 1024

const apps = [
  { name: '@ferry/kind + @ferry/router', file: 'ferry.ts', ours: true },
  { name: 'hono/tiny', file: 'hono-tiny.ts' },
  { name: 'h3 (H3 from h3/generic)', file: 'h3.ts' },
]

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
async function bundle(file: string): Promise<{ bytes: Uint8Array; modules: [string, number][] }> {
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

// `SIZE_MODULES=1` also lists the minified bytes per module of our app (where the size goes).
const byModule: string[] = []

const rows: Row[] = []
for (const app of apps) {
  try {
    const { bytes: min, modules } = await bundle(app.file)
    if (app.ours && process.env.SIZE_MODULES) {
      for (const [path, n] of modules) byModule.push(`  ${String(n).padStart(6)}  ${path}`)
    }
    const gz = gzipSync(min, { level: 9 }).byteLength
    const br = brotliCompressSync(min, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).byteLength
    rows.push({
      name: app.name,
      ours: app.ours,
      value: gz,
      cells: [
        min.byteLength.toLocaleString('en-US'),
        br.toLocaleString('en-US'),
        app.ours
          ? gz <= BUDGET
            ? `within 8 KiB (${(gz / 1024).toFixed(2)} KiB)`
            : `over 8 KiB by ${gz - BUDGET} B`
          : '',
      ],
    })
  } catch (e) {
    rows.push({
      name: app.name,
      ours: app.ours,
      value: undefined,
      note: `cannot bundle: ${(e as Error).message.split('\n')[0]}`,
    })
  }
}

console.log(
  [
    header('5. Size', ['hono', 'h3', 'esbuild']),
    'The same six-route app (typed captures, a query, JSON and text, one layer, a not-found) in ' +
      'each toolkit, bundled by esbuild (minified, ES2022, platform neutral, conditions worker and ' +
      'import, so `@ferry/*` resolve as in a Worker build, to the sources of the files their ' +
      'exports name) and compressed with zlib gzip level 9. "vs best peer" is peer bytes / our bytes (above 1x is smaller).',
    '',
    table(rows, {
      unit: 'min+gzip bytes',
      lowerIsBetter: true,
      extra: ['min bytes', 'min+brotli bytes', 'budget'],
    }),
    '',
  ].join('\n'),
)
if (byModule.length > 0)
  console.log(['Minified bytes per module (ours):', ...byModule, ''].join('\n'))
