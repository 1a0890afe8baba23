// The shared configuration, run in forks with `--expose-gc` for the memory test
// (test/memory.test.ts samples the heap after full collections).
import { defineConfig } from 'vitest/config'
import shared from '../../vitest.shared.js'

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
})
