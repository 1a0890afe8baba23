import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import shared, { sourceAliases } from '../../vitest.shared'

// TEMPORARY alias, see test/router-shim.ts.
const shim = fileURLToPath(new URL('./test/router-shim.ts', import.meta.url))

export default defineConfig({
  ...shared,
  resolve: { alias: [{ find: /^@ferry\/router$/, replacement: shim }, ...sourceAliases] },
})
