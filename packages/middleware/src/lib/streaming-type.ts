/**
 * Media types whose bodies are streams of records a client reads as each one arrives: server-sent
 * events, newline-delimited JSON (`x-ndjson`, `jsonl`, `x-jsonlines`) and JSON text sequences
 * (RFC 7464).
 */
const STREAMING = new Set([
  'text/event-stream',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/json-seq',
])

/**
 * `isStreamingType(contentType)` is whether a response of `contentType` is one whose records must
 * reach the client as they are written, so no layer may hold its bytes back: not to compress them
 * (Node's and Bun's `CompressionStream` cannot be flushed, and hold a small write until more
 * arrives), not to measure or hash the whole body first.
 */
export function isStreamingType(contentType: string | null): boolean {
  if (contentType === null) return false
  return STREAMING.has(contentType.split(';')[0]!.trim().toLowerCase())
}
