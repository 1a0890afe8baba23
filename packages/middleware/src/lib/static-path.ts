/**
 * The file path a URL path names, or why it names none: `bad` for a path that tries to leave the
 * root or smuggle bytes (a 400), `hidden` for a dotfile (treated as missing).
 */
export type ResolvedPath =
  | { readonly ok: true; readonly path: string; readonly directory: boolean }
  | { readonly ok: false; readonly reason: 'bad' | 'hidden' }

/**
 * `resolveStaticPath(urlPath)` is the file-source path (`/a/b.txt`) for the percent-encoded URL
 * path `urlPath` (already without the mount prefix). Every segment is decoded once and refused
 * when the decoded text is `.` or `..`, or contains `/`, `\`, a NUL or any other control
 * character (C0, DEL and C1), or is not valid UTF-8: the URL parser already removed literal dot
 * segments, so what remains is an attempt (`%2e%2e`, `..%2f`, `..%5c`, `%00`) and answered `bad`.
 * Empty segments (`a//b`) are `bad` too, so one file has one URL. A segment starting with `.` is
 * `hidden`.
 */
export function resolveStaticPath(urlPath: string): ResolvedPath {
  const raw = urlPath.startsWith('/') ? urlPath.slice(1) : urlPath
  if (raw === '') return { ok: true, path: '/', directory: true }
  const directory = raw.endsWith('/')
  const parts = (directory ? raw.slice(0, -1) : raw).split('/')
  const out: string[] = []
  let hidden = false
  for (const part of parts) {
    let seg: string
    try {
      seg = decodeURIComponent(part)
    } catch {
      return { ok: false, reason: 'bad' }
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (seg === '' || seg === '.' || seg === '..' || /[/\\\x00-\x1f\x7f-\x9f]/.test(seg)) {
      return { ok: false, reason: 'bad' }
    }
    if (seg.startsWith('.')) hidden = true
    out.push(seg)
  }
  if (hidden) return { ok: false, reason: 'hidden' }
  return { ok: true, path: `/${out.join('/')}`, directory }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE = /[\\\x00-\x1f\x7f-\x9f]/

/**
 * `isSafeFilePath(path)` is whether `path` is a normalised file-source path: `/` or `/`-separated
 * non-empty segments, none of them `.`/`..`, starting with `.`, or holding `\`, NUL or another
 * control character. `serveFile` checks it again, since its callers may build paths from decoded
 * captures (`%2F` decodes to `/` inside a capture).
 */
export function isSafeFilePath(path: string): boolean {
  if (path === '/') return true
  if (!path.startsWith('/')) return false
  return path
    .slice(1)
    .split('/')
    .every((seg) => seg !== '' && !seg.startsWith('.') && !UNSAFE.test(seg))
}
