// Bundles the benchmark entries with esbuild so they run on Node 20 (no type stripping), Bun and
// Deno alike. `@ferry/*` resolve to their TypeScript sources through tsconfig paths, compiled with
// the same esbuild target tsup uses for the packages' dist (es2022), so the code timed is the code
// that ships, built from the working tree.
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = (p) => join(root, 'src', p)

// The bodies group is written by someone else (src/bodies/**): call its exported `run()`, which
// prints its own report, if the module exists.
function bodiesEntry() {
  for (const f of ['bodies/multipart.ts', 'bodies/run.ts', 'bodies/index.ts', 'bodies/bench.ts']) {
    if (existsSync(src(f))) {
      return {
        contents: `import * as m from './${f}'\nif (typeof m.run === 'function') await m.run()\n`,
        resolveDir: join(root, 'src'),
        loader: 'ts',
      }
    }
  }
  return undefined
}

const entries = {
  'run-all': src('run-all.ts'),
  router: src('router/main.ts'),
  dispatch: src('dispatch/main.ts'),
  http: src('http/main.ts'),
  'http-server': src('http/server.ts'),
  size: src('size/main.ts'),
  profile: src('profile/targets.ts'),
  bodies: bodiesEntry(),
  start: src('start/main.ts'),
}

const requireBanner = {
  js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
}

const wanted = process.argv.slice(2)
const names = wanted.length > 0 ? [...new Set(['run-all', ...wanted])] : Object.keys(entries)
for (const name of names) {
  const entry = entries[name]
  if (entry === undefined) {
    if (name === 'bodies') {
      console.log('bodies: no src/bodies/{multipart,run,index,bench}.ts yet, skipped')
      continue
    }
    throw new Error(`unknown bench entry "${name}"`)
  }
  await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: entry }),
    outfile: join(root, 'dist', `${name}.js`),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    // esbuild itself is used at run time by the size group, from node_modules.
    external: ['esbuild', 'bun:jsc', 'bun'],
    // CommonJS peers (find-my-way, busboy) call require() for Node built-ins.
    banner: requireBanner,
    logLevel: 'warning',
  })
}
if (names.includes('start')) await buildStartServers()

/**
 * The server entries of the start group, `src/start/servers/<runtime>-<contender>.ts`, each
 * bundled alone into `dist/start/` so that a contender's start loads its own code and nothing of
 * the others'. Each runtime gets the platform its users would bundle for: Node and Bun `node`
 * (Bun implements Node's built-ins), Deno `neutral`, workerd `neutral` with the Workers conditions
 * (as packages/conformance builds its workerd fixture). Node's bundles get the `require` banner
 * (@whatwg-node/server, under @ferry/node, requires Node built-ins); the others load no CommonJS.
 */
async function buildStartServers() {
  const dir = src('start/servers')
  const platforms = {
    node: { platform: 'node', banner: requireBanner },
    bun: { platform: 'node' },
    deno: { platform: 'neutral' },
    workerd: { platform: 'neutral', conditions: ['workerd', 'worker', 'browser'] },
  }
  for (const file of readdirSync(dir)) {
    const m = /^(node|bun|deno|workerd)-[a-z0-9-]+\.ts$/.exec(file)
    if (!m || file.endsWith('.test.ts')) continue
    await build({
      entryPoints: [join(dir, file)],
      outfile: join(root, 'dist', 'start', file.replace(/\.ts$/, '.js')),
      bundle: true,
      format: 'esm',
      target: 'es2022',
      tsconfig: join(root, 'tsconfig.json'),
      ...platforms[m[1]],
      logLevel: 'warning',
    })
  }
}
