// serve() on the real Bun (the npm package's binary): what close() does to work that outlives
// shutdownTimeout.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeShutdownProbe } from '../../../../test-support/shutdown-probe.js'

const bun = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe')

describeShutdownProbe({
  name: 'Bun',
  source: fileURLToPath(new URL('../index.ts', import.meta.url)),
  async command(_dir, probe) {
    return { file: bun, args: ['run', probe] }
  },
})
