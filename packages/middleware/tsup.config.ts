import { defineConfig } from 'tsup'

// One entry per `exports` subpath, so an edge bundle carries only the middleware it imports.
export const entries = [
  'index',
  'cors',
  'compress',
  'etag',
  'cookies',
  'forwarded',
  'logger',
  'request-id',
  'body-limit',
  'secure-headers',
  'csrf',
  'static',
]

export default defineConfig({
  entry: entries.map((e) => `src/${e}.ts`),
  format: ['esm'],
  dts: { compilerOptions: { paths: {} } },
  tsconfig: 'tsconfig.build.json',
  clean: true,
  target: 'es2022',
})
