import type { FileSource, FileStat } from '@ferry/router'

/** An in-memory `FileSource` over `files` (path → content); directories are implied by paths. */
export function memorySource(
  files: Record<string, string>,
  mtimeMs = Date.UTC(2026, 0, 1),
): FileSource & { reads: string[] } {
  const bytes = new Map(Object.entries(files).map(([p, c]) => [p, new TextEncoder().encode(c)]))
  const reads: string[] = []
  const isDir = (path: string) => {
    const prefix = path.endsWith('/') ? path : `${path}/`
    return [...bytes.keys()].some((p) => p.startsWith(prefix))
  }
  return {
    reads,
    async stat(path): Promise<FileStat | undefined> {
      if (path.includes('..') || path.includes('\\') || path.includes('\0'))
        throw new Error(`unsafe path reached the source: ${path}`)
      const b = bytes.get(path)
      if (b) return { size: b.byteLength, mtimeMs, isDirectory: false }
      if (path === '/' || isDir(path)) return { size: 0, mtimeMs, isDirectory: true }
      return undefined
    },
    async read(path, range) {
      reads.push(range ? `${path}:${range.start}-${range.end}` : path)
      const b = bytes.get(path)
      if (!b) throw new Error('not a readable file')
      const slice = range ? b.slice(range.start, range.end + 1) : b
      return new ReadableStream({
        start(c) {
          c.enqueue(slice)
          c.close()
        },
      })
    },
  }
}
