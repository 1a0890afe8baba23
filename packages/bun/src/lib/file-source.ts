import type { FileSource, FileStat } from '@ferry/router'
import { confineToRoot } from '@ferry/router/serve'
import { type BunFs, runtime } from './bun-shim.js'

// Bun implements node:fs natively; it is imported at run time so the build needs no Node types.
const fsModule = 'node:fs/promises'
let fs: Promise<BunFs> | undefined

/**
 * `createFileSource(root)` is the file source of the directory `root`, read with `Bun.file`. It
 * answers `undefined` for paths that are missing, unreadable, neither a regular file nor a
 * directory, contain `..`, a backslash or a NUL byte, or resolve (through symbolic links) outside
 * the real path of `root` or, under a name without a dotfile segment, to a dotfile or into a dot
 * directory (`config -> .env`).
 */
export function createFileSource(root: string): FileSource {
  fs ??= import(fsModule) as Promise<BunFs>
  const locate = confineToRoot(root, async (p) => (await fs!).realpath(p))

  return {
    async stat(path): Promise<FileStat | undefined> {
      const real = await locate(path)
      const info = real && (await (await fs!).stat(real).catch(() => undefined))
      // Only regular files and directories: reading a FIFO or a device would block or never end.
      if (!info || !(info.isFile() || info.isDirectory())) return undefined
      return { size: info.size, mtimeMs: info.mtimeMs, isDirectory: info.isDirectory() }
    },
    async read(path, range) {
      const real = await locate(path)
      // A FIFO put in place since `stat` would make the stream wait for a writer for good. A
      // second stat per file read (not per request); a swap between it and the open stays open.
      const info = real === undefined ? undefined : await (await fs!).stat(real).catch(() => {})
      if (real === undefined || !info?.isFile()) {
        throw new Error(`not a readable file under the root: ${path}`)
      }
      const file = runtime.Bun.file(real)
      // Bun.file().slice() is lazy and its end is exclusive.
      return (range ? file.slice(range.start, range.end + 1) : file).stream()
    },
  }
}
