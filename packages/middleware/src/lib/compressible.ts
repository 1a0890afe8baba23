/**
 * `isCompressible(contentType)` is whether a response of `contentType` is worth compressing: text,
 * JSON, XML, JavaScript, SVG, WebAssembly and the like. Images, audio, video, archives and fonts
 * other than the old uncompressed ones are already compressed. Server-sent events are left alone:
 * `CompressionStream` cannot flush, so events would sit in its buffer.
 */
export function isCompressible(contentType: string | null): boolean {
  if (contentType === null) return false
  const essence = contentType.split(';')[0]!.trim().toLowerCase()
  if (essence === 'text/event-stream') return false
  if (essence.startsWith('text/')) return true
  if (/\+(json|xml|text)$/.test(essence)) return true
  return COMPRESSIBLE.has(essence)
}

const COMPRESSIBLE = new Set([
  'application/json',
  'application/javascript',
  'application/ecmascript',
  'application/xml',
  'application/xhtml+xml',
  'application/x-javascript',
  'application/wasm',
  'application/manifest+json',
  'application/x-ndjson',
  'application/graphql-response+json',
  'application/x-www-form-urlencoded',
  'image/svg+xml',
  'image/x-icon',
  'image/vnd.microsoft.icon',
  'image/bmp',
  'font/ttf',
  'font/otf',
  'application/vnd.ms-fontobject',
])
