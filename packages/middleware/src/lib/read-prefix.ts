/** What `readPrefix` found: the whole body (when it fit) or a stream replaying what was read. */
export type Prefix =
  | { readonly complete: true; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly complete: false; readonly stream: ReadableStream<Uint8Array> }

/**
 * `readPrefix(body, max)` reads `body` until it ends or more than `max` bytes have arrived. When
 * it ended, the result is every byte; otherwise a stream that yields what was read and then the
 * rest of `body`, so a caller can give up on a large body without losing it or holding more than
 * `max` bytes.
 */
export async function readPrefix(body: ReadableStream<Uint8Array>, max: number): Promise<Prefix> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
    if (size > max) {
      let i = 0
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (i < chunks.length) {
            controller.enqueue(chunks[i]!)
            chunks[i++] = new Uint8Array(0)
            return
          }
          const next = await reader.read()
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        },
        cancel(reason) {
          return reader.cancel(reason)
        },
      })
      return { complete: false, stream }
    }
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { complete: true, bytes }
}
