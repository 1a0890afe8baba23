import { defineConfig } from 'tsup'

// Every runtime entry in src/ becomes one file in dist/ (node.js, and the other runtimes' entries);
// workspace packages stay imports, resolved to their built dist/ at run time.
export default defineConfig({
  entry: ['src/*.ts', '!src/**/*.test.ts', '!src/app.ts'],
  format: ['esm'],
  target: 'es2022',
  clean: true,
})
