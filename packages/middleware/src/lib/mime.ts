/** Content types by lower-case file extension; text types get `charset=utf-8`. */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
}

/**
 * `contentTypeOf(path, extra)` is the content type for `path`'s extension, looked up in `extra`
 * first, or `application/octet-stream` when unknown (never sniffed: with `nosniff` the browser
 * then treats it as a download).
 */
export function contentTypeOf(path: string, extra?: Readonly<Record<string, string>>): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return 'application/octet-stream'
  const ext = name.slice(dot + 1).toLowerCase()
  // Own entries only: `x.constructor` must not find Object.prototype's members.
  if (extra !== undefined && Object.hasOwn(extra, ext)) return extra[ext]!
  return Object.hasOwn(TYPES, ext) ? TYPES[ext]! : 'application/octet-stream'
}
