// The adapter's source on the real Deno (the npm package's binary): the shared probe's cases.
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describeAdapterProbe } from '../../../../test-support/adapter-probe.js'

const deno = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'deno')

describeAdapterProbe({
  name: 'Deno',
  source: fileURLToPath(new URL('../index.ts', import.meta.url)),
  rootExpr: "Deno.env.get('ROOT')",
  async run(dir, probe) {
    // The adapter's source imports the shared serve kit by package name; map it to its source too.
    const kit = fileURLToPath(new URL('../../../router/src/serve.ts', import.meta.url))
    const importMap = join(dir, 'imports.json')
    await writeFile(importMap, JSON.stringify({ imports: { '@ferry/router/serve': kit } }))
    const { stdout } = await promisify(execFile)(
      deno,
      [
        'run',
        '--no-lock',
        '--no-config',
        '--sloppy-imports',
        `--import-map=${importMap}`,
        '-A',
        probe,
      ],
      { env: { ...process.env, ROOT: dir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
    )
    return stdout
  },
})
