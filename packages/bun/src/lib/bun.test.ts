// The adapter's source on the real Bun (the npm package's binary): the shared probe's cases.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describeAdapterProbe } from '../../../../test-support/adapter-probe.js'

const bun = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe')

describeAdapterProbe({
  name: 'Bun',
  source: fileURLToPath(new URL('../index.ts', import.meta.url)),
  rootExpr: 'process.env.ROOT',
  async run(dir, probe) {
    const { stdout } = await promisify(execFile)(bun, ['run', probe], {
      env: { ...process.env, ROOT: dir },
    })
    return stdout
  },
})
