import { isStreamingType } from './streaming-type'

/**
 * `isCompressible(contentType)` is whether a response of `contentType` is worth compressing: text,
 * JSON, XML, JavaScript, SVG, WebAssembly and the like. Images, audio, video, archives and fonts
 * other than the old uncompressed ones are already compressed. Streams of records (server-sent
 * events, NDJSON, JSON sequences) are left alone, so each record reaches the client as it is
 * written (see below).
 */
export function isCompressible(contentType: string | null): boolean {
  if (contentType === null) return false
  // A compressor holds small writes until it has a block's worth, and the Web
  // `CompressionStream` has no flush: Node's and Bun's give nothing for a short record until
  // more data or the end comes (Deno's flushes each write). Compressing per record would need a
  // flush on every runtime, so these streams go out as they are, as Hono's compress() sends them.
  if (isStreamingType(contentType)) return false
  const essence = contentType.split(';')[0]!.trim().toLowerCase()
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
