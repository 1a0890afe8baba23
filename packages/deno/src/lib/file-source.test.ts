// createFileSource on the real Deno (the npm package's binary): what `read` does with a path that
// is no regular file, as a FIFO put in place after `stat` would be.
import { execFile } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeFileTree, readProbe, SAFE_READS } from '../../../../test-support/file-tree.js'

const deno = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'deno')
const source = fileURLToPath(new URL('../index.ts', import.meta.url))
const kit = fileURLToPath(new URL('../../../router/src/serve.ts', import.meta.url))

const probe = readProbe(source, "Deno.env.get('ROOT')", 'Deno.exit(0)')

let dir: string
let report: Record<string, string>
beforeAll(async () => {
  dir = await makeFileTree('ferry-deno-read-')
  await writeFile(join(dir, 'probe.ts'), probe)
  await writeFile(
    join(dir, 'imports.json'),
    JSON.stringify({ imports: { '@ferry/router/serve': kit } }),
  )
  const args = ['run', '--no-lock', '--no-config', '--sloppy-imports', '--import-map=imports.json']
  const { stdout } = await promisify(execFile)(deno, [...args, '-A', 'probe.ts'], {
    cwd: dir,
    env: { ...process.env, ROOT: dir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  })
  report = JSON.parse(stdout)
}, 30_000)
afterAll(() => rm(dir, { recursive: true, force: true }))

it('rejects reading a FIFO, a directory or a link to a dotfile, and reads a regular file', () => {
  expect(report).toEqual(SAFE_READS)
})
