import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

declare const Bun: { version: string } | undefined
declare const Deno: { version: { deno: string; v8: string } } | undefined

const here = dirname(fileURLToPath(import.meta.url))
/**
 * The bench package's directory (`apps/bench`), found from the bundle in `dist/`, or from
 * `src/lib/` when vitest runs the sources.
 */
export const benchDir = here.endsWith(join('src', 'lib'))
  ? join(here, '..', '..')
  : join(here, '..')

/**
 * The executable of the npm-installed `bun` or `deno`. The `.bin` entries are Node shims that
 * spawn the real binary, so killing a shim would leave the runtime running: use the binary.
 */
export function runtimeBin(name: 'bun' | 'deno'): string {
  const real =
    name === 'bun'
      ? join(benchDir, 'node_modules', 'bun', 'bin', 'bun.exe')
      : join(benchDir, 'node_modules', 'deno', 'deno')
  return existsSync(real) ? real : join(benchDir, 'node_modules', '.bin', name)
}

/** The runtime running this process, with its version (`node 20.20.0`, `bun 1.3.0`). */
export function runtime(): string {
  if (typeof Bun !== 'undefined') return `bun ${Bun.version}`
  if (typeof Deno !== 'undefined') return `deno ${Deno.version.deno} (v8 ${Deno.version.v8})`
  return `node ${process.versions.node} (v8 ${process.versions.v8})`
}

/** The installed version of `pkg` as seen from apps/bench, or `?` when it cannot be read. */
export function version(pkg: string): string {
  try {
    const json = JSON.parse(
      readFileSync(join(benchDir, 'node_modules', pkg, 'package.json'), 'utf8'),
    )
    return json.version as string
  } catch {
    return '?'
  }
}

/** The machine line of every report: CPU model and count, memory, OS. */
export function machine(): string {
  const c = cpus()
  const gib = (totalmem() / 2 ** 30).toFixed(1)
  return `${c[0]?.model ?? 'unknown cpu'} x ${c.length}, ${gib} GiB, ${process.platform} ${process.arch}`
}

/**
 * The source measured: the commit of the working tree and the Ferry packages with uncommitted
 * changes (the bench compiles the working tree), or `unknown` outside a git checkout.
 */
export function source(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: benchDir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim()
    const head = git('rev-parse', '--short', 'HEAD')
    const dirty = new Set(
      git('status', '--porcelain', '--', '../../packages')
        .split('\n')
        .map((l) => /packages\/([^/]+)\//.exec(l)?.[1])
        .filter((x): x is string => x !== undefined),
    )
    return dirty.size === 0
      ? `commit ${head}, clean`
      : `commit ${head} with uncommitted changes in ${[...dirty].sort().join(', ')}`
  } catch {
    return 'unknown'
  }
}

/**
 * The heading printed above each group: title, date, machine, runtime and peer versions. `on` is
 * what the title says the group ran on: by default the runtime of this process.
 */
export function header(
  title: string,
  pkgs: readonly string[],
  on: string = runtime().split(' (')[0]!,
): string {
  const versions = pkgs.map((p) => `${p} ${version(p)}`).join(', ')
  return [
    `## ${title} on ${on}`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machine()}`,
    `- runtime: ${runtime()}`,
    `- source: ${source()}`,
    `- versions: ${versions}`,
    '',
  ].join('\n')
}
