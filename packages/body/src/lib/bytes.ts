/** `concat(chunks)` is the chunks joined into one array (the chunk itself when there is one). */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  let size = 0
  for (const c of chunks) size += c.byteLength
  const out = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out
}

/**
 * What a body read hands over: an `ArrayBuffer` (the Fetch standard's `arrayBuffer()`) or a view
 * of one (`@whatwg-node/fetch` on Node gives a `Buffer`). `TextDecoder.decode` takes either.
 */
export type ByteSource = ArrayBuffer | ArrayBufferView
