/** What `readPrefix` found: the whole body (when it fit) or a stream replaying what was read. */
export type Prefix =
  | { readonly complete: true; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly complete: false; readonly stream: ReadableStream<Uint8Array> }

/**
 * `readPrefix(body, max, signal)` reads `body` until it ends or more than `max` bytes have
 * arrived. When it ended, the result is every byte; otherwise a stream that yields what was read
 * and then the rest of `body`, so a caller can give up on a large body without losing it or
 * holding more than `max` bytes. When `signal` aborts, before the first byte or between any two
 * chunks, `body` is cancelled and what was read counts as all of it: a quiet stream must not keep
 * the caller waiting after its client has gone. The listener is removed once reading stops.
 */
export async function readPrefix(
  body: ReadableStream<Uint8Array>,
  max: number,
  signal?: AbortSignal,
): Promise<Prefix> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  // Cancelling settles the pending read as done (Streams, ReadableStreamCancel).
  const stop = () => void reader.cancel(signal?.reason).catch(() => {})
  if (signal?.aborted) stop()
  else signal?.addEventListener('abort', stop, { once: true })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
      if (size > max) return { complete: false, stream: replay(chunks, reader) }
    }
  } finally {
    signal?.removeEventListener('abort', stop)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { complete: true, bytes }
}

/** A stream of `chunks`, then of what is left in `reader`. */
function replay(
  chunks: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
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
}
