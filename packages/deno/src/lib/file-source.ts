import type { FileSource, FileStat } from '@ferry/router'
import { confineToRoot } from '@ferry/router/serve'
import { type DenoFile, runtime } from './deno-shim.js'

/** Bytes read per pull. */
const CHUNK = 64 * 1024

/**
 * `createFileSource(root)` is the file source of the directory `root`, read with `Deno.open`
 * (needs `--allow-read` for `root`). It answers `undefined` for paths that are missing, unreadable,
 * neither a regular file nor a directory, contain `..`, a backslash or a NUL byte, or resolve
 * (through symbolic links) outside the real path of `root` or, under a name without a dotfile
 * segment, to a dotfile or into a dot directory (`config -> .env`); `read` rejects them, and
 * directories.
 */
export function createFileSource(root: string): FileSource {
  const { Deno } = runtime
  const locate = confineToRoot(root, (p) => Deno.realPath(p))

  return {
    async stat(path): Promise<FileStat | undefined> {
      const real = await locate(path)
      const info = real && (await Deno.stat(real).catch(() => undefined))
      // Only regular files and directories: reading a FIFO or a device would block or never end.
      if (!info || !(info.isFile || info.isDirectory)) return undefined
      return { size: info.size, mtimeMs: info.mtime?.getTime() ?? 0, isDirectory: info.isDirectory }
    },
    async read(path, range) {
      const real = await locate(path)
      // Opening a FIFO put in place since `stat` blocks until a writer comes, for good (Deno.open
      // has no O_NONBLOCK). A second stat per file read (not per request); a swap between it and
      // the open stays possible.
      const info = real === undefined ? undefined : await Deno.stat(real).catch(() => undefined)
      if (real === undefined || !info?.isFile) {
        throw new Error(`not a readable file under the root: ${path}`)
      }
      const file = await Deno.open(real, { read: true })
      const start = range?.start ?? 0
      if (start > 0) await file.seek(start, 0 /* Deno.SeekMode.Start */)
      return pullStream(file, range ? range.end + 1 - start : Number.POSITIVE_INFINITY)
    },
  }
}

/** A stream of the next `remaining` bytes of `file` that reads only when pulled. */
function pullStream(file: DenoFile, remaining: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buffer = new Uint8Array(Math.min(CHUNK, remaining))
        const read = buffer.length > 0 ? await file.read(buffer) : null
        if (read === null || read === 0) {
          file.close()
          controller.close()
          return
        }
        remaining -= read
        controller.enqueue(buffer.subarray(0, read))
      } catch (error) {
        closeQuietly(file)
        controller.error(error)
      }
    },
    cancel: () => closeQuietly(file),
  })
}

// A failed read may have closed the resource already; closing twice throws BadResource.
function closeQuietly(file: DenoFile): void {
  try {
    file.close()
  } catch {}
}
