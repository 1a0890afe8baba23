import { defineConfig } from 'tsup'

// workerd loads one ES module and resolves no packages: bundle the worker entry with everything it
// imports, for a platform with Web APIs only.
export default defineConfig({
  entry: { 'worker.bundle': 'src/worker.ts' },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  noExternal: [/.*/],
  esbuildOptions(options) {
    options.conditions = ['workerd', 'worker', 'browser']
    options.mainFields = ['module', 'main']
  },
  clean: false,
})
