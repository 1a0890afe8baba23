import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { benchDir, header } from '../lib/env.js'
import { type Row, table } from '../lib/table.js'

const BUDGET = 8 * 1024

const apps = [
  { name: '@ferry/kind + @ferry/router', file: 'ferry.ts', ours: true },
  { name: 'hono/tiny', file: 'hono-tiny.ts' },
  { name: 'h3 (H3 from h3/generic)', file: 'h3.ts' },
]

/** The minified bundle of one app file, as a browser or Worker build would ship it. */
async function bundle(file: string): Promise<Uint8Array> {
  const r = await build({
    entryPoints: [join(benchDir, 'src', 'size', 'apps', file)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'import'],
    tsconfig: join(benchDir, 'tsconfig.json'),
    write: false,
    logLevel: 'error',
  })
  return r.outputFiles[0]!.contents
}

const rows: Row[] = []
for (const app of apps) {
  try {
    const min = await bundle(app.file)
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
      'each toolkit, bundled by esbuild (minified, ES2022, platform neutral) and compressed with ' +
      'zlib gzip level 9. "vs best peer" is peer bytes / our bytes (above 1x is smaller).',
    '',
    table(rows, {
      unit: 'min+gzip bytes',
      lowerIsBetter: true,
      extra: ['min bytes', 'min+brotli bytes', 'budget'],
    }),
    '',
  ].join('\n'),
)
