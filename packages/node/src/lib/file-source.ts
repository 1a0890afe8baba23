import { constants } from 'node:fs'
import { type FileHandle, open, realpath, stat } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import type { FileSource, FileStat } from '@ferry/router'
import { confineToRoot } from '@ferry/router/serve'

/** Bytes read per pull; 64 KiB matches Node's default `highWaterMark` for file streams. */
const CHUNK = 64 * 1024

/**
 * `createFileSource(root)` is the file source of the directory `root` on the local disk. It answers
 * `undefined` for paths that are missing, unreadable, neither a regular file nor a directory,
 * contain `..`, a backslash or a NUL byte, or resolve (through symbolic links) outside the real
 * path of `root` or, under a name without a dotfile segment, to a dotfile or into a dot directory
 * (`config -> .env`).
 */
export function createFileSource(root: string): FileSource {
  const locate = confineToRoot(resolve(root), realpath, sep)

  return {
    async stat(path): Promise<FileStat | undefined> {
      const real = await locate(path)
      const info = real === undefined ? undefined : await stat(real).catch(() => undefined)
      // Only regular files and directories: opening a FIFO blocks a libuv thread until a writer
      // comes, and a device may never end.
      if (info === undefined || !(info.isFile() || info.isDirectory())) return undefined
      return { size: info.size, mtimeMs: info.mtimeMs, isDirectory: info.isDirectory() }
    },
    async read(path, range) {
      // Node's file read takes a negative or unsafe position as the file's current one (0 here),
      // so such a range read other bytes than asked; `@ferry/middleware/static` never makes one.
      if (range !== undefined && !(isOffset(range.start) && Number.isSafeInteger(range.end))) {
        throw new RangeError(
          `the range ${range.start}-${range.end} of ${path} is not two safe integers from 0`,
        )
      }
      const real = await locate(path)
      if (real === undefined) throw new Error(`not a readable file under the root: ${path}`)
      // Non-blocking, so a FIFO put there after `stat` cannot hold the open; then refused.
      const file = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
      const info = await file.stat().catch(async (error: unknown) => {
        await file.close()
        throw error
      })
      if (!info.isFile()) {
        await file.close()
        throw new Error(`not a readable file under the root: ${path}`)
      }
      const end = range ? range.end + 1 : info.size
      return pullStream(file, range?.start ?? 0, end)
    },
  }
}

/** Whether `n` is a byte offset a file read takes: a safe integer, 0 or more. */
function isOffset(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0
}

/** A byte stream of `file` from `start` to `end` (exclusive) that reads only when pulled. */
function pullStream(file: FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const length = Math.min(CHUNK, end - position)
        const { bytesRead, buffer } =
          length > 0
            ? await file.read(new Uint8Array(length), 0, length, position)
            : { bytesRead: 0, buffer: new Uint8Array(0) }
        if (bytesRead === 0) {
          await file.close()
          controller.close()
          return
        }
        position += bytesRead
        controller.enqueue(buffer.subarray(0, bytesRead))
      } catch (error) {
        await file.close().catch(() => {})
        controller.error(error)
      }
    },
    cancel: () => file.close(),
  })
}
