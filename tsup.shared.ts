// One tsup build for every package: ES modules for ES2022 with their declarations. The build
// tsconfig and the empty `paths` make `@ferry/*` imports stay imports of the installed packages,
// not sources pulled in from the workspace.
import { defineConfig } from 'tsup'

/** `packageBuild(entry)` is the tsup configuration of a package whose entry points are `entry`. */
export function packageBuild(entry: string[] = ['src/index.ts']): ReturnType<typeof defineConfig> {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: { compilerOptions: { paths: {} } },
    tsconfig: 'tsconfig.build.json',
    clean: true,
    target: 'es2022',
  })
}
