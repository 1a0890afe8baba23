// The shared configuration, plus `--expose-gc` for the memory test (test/memory.test.ts), and,
// while @ferry/router's entry point is still empty, an alias to the router's own source modules
// that body needs (HttpError, parseMediaType, mediaTypeMatches). It turns itself off once the
// router exports them.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import shared, { sourceAliases } from '../../vitest.shared'

const routerIndex = fileURLToPath(new URL('../router/src/index.ts', import.meta.url))
const routerReady =
  !process.env.BODY_ROUTER_SHIM && readFileSync(routerIndex, 'utf8').includes('HttpError')
const routerShim = fileURLToPath(new URL('./test/router-shim.ts', import.meta.url))

export default defineConfig({
  ...shared,
  resolve: {
    alias: routerReady
      ? sourceAliases
      : [{ find: /^@ferry\/router$/, replacement: routerShim }, ...sourceAliases],
  },
  test: {
    ...shared.test,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
})
