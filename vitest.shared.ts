// One vitest configuration for every package: `@ferry/*` imports resolve to the TypeScript sources,
// so tests never run against a stale build. (The conformance suite opts out: it tests built output.)
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

export const sourceAliases = [
  { find: /^@ferry\/middleware\/([\w-]+)$/, replacement: `${root}packages/middleware/src/$1.ts` },
  { find: /^@ferry\/router\/matcher$/, replacement: `${root}packages/router/src/matcher.ts` },
  { find: /^@ferry\/([\w-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
]

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
  },
})
