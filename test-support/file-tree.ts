import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * `makeFileTree(prefix)` is a new temporary directory for the file-source tests of every adapter:
 * `public/hello.txt` ("hello, world"), an empty `public/docs/`, `secret.txt` outside `public`, and
 * symbolic links in `public` that stay inside (`alias.txt`) or leave it (`leak.txt`, `up`), and a
 * FIFO `public/pipe` (opening it for reading blocks until a writer comes).
 */
export async function makeFileTree(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  await mkdir(join(dir, 'public/docs'), { recursive: true })
  await writeFile(join(dir, 'public/hello.txt'), 'hello, world')
  await writeFile(join(dir, 'secret.txt'), 'top secret')
  await symlink(join(dir, 'secret.txt'), join(dir, 'public/leak.txt'))
  await symlink(join(dir, 'public/hello.txt'), join(dir, 'public/alias.txt'))
  await symlink(dir, join(dir, 'public/up'))
  execFileSync('mkfifo', [join(dir, 'public/pipe')])
  return dir
}
