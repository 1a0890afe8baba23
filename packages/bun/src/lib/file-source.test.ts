// createFileSource on the real Bun (the npm package's binary): what `read` does with a path that
// is no regular file, as a FIFO put in place after `stat` would be.
import { execFile } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeFileTree, readProbe, SAFE_READS } from '../../../../test-support/file-tree.js'

const bun = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe')
const source = fileURLToPath(new URL('../index.ts', import.meta.url))

const probe = readProbe(source, 'process.env.ROOT', 'process.exit(0)')

let dir: string
let report: Record<string, string>
beforeAll(async () => {
  dir = await makeFileTree('ferry-bun-read-')
  await writeFile(join(dir, 'probe.ts'), probe)
  const { stdout } = await promisify(execFile)(bun, ['run', join(dir, 'probe.ts')], {
    env: { ...process.env, ROOT: dir },
  })
  report = JSON.parse(stdout)
}, 30_000)
afterAll(() => rm(dir, { recursive: true, force: true }))

it('rejects reading a FIFO, a directory or a link to a dotfile, and reads a regular file', () => {
  expect(report).toEqual(SAFE_READS)
})
