import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * `makeFileTree(prefix)` is a new temporary directory for the file-source tests of every adapter:
 * `public/hello.txt` ("hello, world"), an empty `public/docs/`, `secret.txt` outside `public`, and
 * symbolic links in `public` that stay inside (`alias.txt`) or leave it (`leak.txt`, `up`), hidden
 * entries `public/.env` and `public/.git/HEAD` with links to them under plain names (`config` to
 * `.env`, `vcs` to `.git`), and a FIFO `public/pipe` (opening it for reading blocks until a writer
 * comes).
 */
export async function makeFileTree(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  await mkdir(join(dir, 'public/docs'), { recursive: true })
  await mkdir(join(dir, 'public/.git'))
  await writeFile(join(dir, 'public/hello.txt'), 'hello, world')
  await writeFile(join(dir, 'secret.txt'), 'top secret')
  await symlink(join(dir, 'secret.txt'), join(dir, 'public/leak.txt'))
  await symlink(join(dir, 'public/hello.txt'), join(dir, 'public/alias.txt'))
  await symlink(dir, join(dir, 'public/up'))
  await writeFile(join(dir, 'public/.env'), 'SECRET=dotfile')
  await writeFile(join(dir, 'public/.git/HEAD'), 'ref: refs/heads/main')
  // Relative targets, as a site's own links would be written.
  await symlink('.env', join(dir, 'public/config'))
  await symlink('.git', join(dir, 'public/vcs'))
  execFileSync('mkfifo', [join(dir, 'public/pipe')])
  return dir
}

/**
 * What every disk file source reports to `readProbe`: a FIFO, a directory and a link under a plain
 * name to a dotfile are refused (the link is missing to `stat` too), a regular file is read.
 */
export const SAFE_READS = {
  pipe: 'rejected',
  docs: 'rejected',
  config: 'rejected',
  configStat: 'missing',
  hello: 'read hello, wor',
}

/**
 * `readProbe(source, root, exit)` is a script for a runtime that reads `/pipe`, `/docs`, `/config`
 * (a link to `.env`) and `/hello.txt` of the tree's `public/` through the `createFileSource` of
 * module `source`, and prints each outcome as JSON: `read <text>`, `rejected`, or `hangs` when
 * unsettled after 2 s; `configStat` says whether `stat` finds `/config` (`found` or `missing`).
 * `root` and `exit` are the runtime's expressions for the tree's directory and for exiting.
 */
export function readProbe(source: string, root: string, exit: string): string {
  return `
import { createFileSource } from ${JSON.stringify(source)}
const files = createFileSource(${root} + '/public')
const outcome = (path) => Promise.race([
  files.read(path, { start: 0, end: 9 }).then((s) => new Response(s).text()).then(
    (text) => 'read ' + text,
    () => 'rejected',
  ),
  new Promise((resolve) => setTimeout(() => resolve('hangs'), 2000)),
])
console.log(JSON.stringify({
  pipe: await outcome('/pipe'),
  docs: await outcome('/docs'),
  config: await outcome('/config'),
  configStat: await files.stat('/config').then((s) => (s === undefined ? 'missing' : 'found')),
  hello: await outcome('/hello.txt'),
}))
${exit}
`
}
