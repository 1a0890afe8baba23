import { brotliCompressSync, constants } from 'node:zlib'
import { header } from '../lib/env.js'
import { type Row, table } from '../lib/table.js'
import { BUDGET, bundle, gzipSize } from './bundle.js'

const apps = [
  { name: '@ferry/kind + @ferry/router', file: 'ferry.ts', ours: true },
  { name: 'hono/tiny', file: 'hono-tiny.ts' },
  { name: 'h3 (H3 from h3/generic)', file: 'h3.ts' },
]

// `SIZE_MODULES=1` also lists the minified bytes per module of our app (where the size goes).
const byModule: string[] = []

const rows: Row[] = []
for (const app of apps) {
  try {
    const { bytes: min, modules } = await bundle(app.file)
    if (app.ours && process.env.SIZE_MODULES) {
      for (const [path, n] of modules) byModule.push(`  ${String(n).padStart(6)}  ${path}`)
    }
    const gz = gzipSize(min)
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
