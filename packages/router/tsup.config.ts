import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/web.ts', 'src/matcher.ts', 'src/serve.ts'],
  format: ['esm'],
  dts: { compilerOptions: { paths: {} } },
  tsconfig: 'tsconfig.build.json',
  clean: true,
  target: 'es2022',
})
