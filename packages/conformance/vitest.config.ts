// The conformance suite tests what ships: no source aliases here (unlike ../../vitest.shared.ts),
// so `@ferry/*` resolves through each package's `exports` to its built `dist/`.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // Each file drives its own runtime in a child process, so they can all run at once.
    maxWorkers: 8,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
