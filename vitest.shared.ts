// One vitest configuration for every package: `@ferry/*` imports resolve to the TypeScript sources,
// so tests never run against a stale build. (The conformance suite opts out: it tests built output.)
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

export const sourceAliases = [
  { find: /^@ferry\/middleware\/([\w-]+)$/, replacement: `${root}packages/middleware/src/$1.ts` },
  { find: /^@ferry\/router\/(matcher|serve)$/, replacement: `${root}packages/router/src/$1.ts` },
  { find: /^@ferry\/([\w-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
]

// Type tests cost a tsc run, so only packages that have `*.test-d.ts` files pay for it.
function hasTypeTests(dir: string): boolean {
  try {
    return readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.test-d.ts'))
  } catch {
    return false
  }
}

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: {
      enabled: hasTypeTests('src') || hasTypeTests('test'),
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
    },
    // CI runs several packages at once on two cores: generous limits keep slow runs from
    // failing; no test asserts on time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
