import type { Encoding } from './accept-encoding'

/**
 * `compressStream(body, encoding)` is `body` compressed with a `CompressionStream`, fed one chunk
 * at a time and only while the consumer is waiting for output. A plain `pipeThrough` is not
 * enough: Node's `CompressionStream` (20.x) takes 16384 *chunks* before it pushes back, so a
 * streamed body would be read ahead by up to hundreds of megabytes. Here at most one source chunk
 * is in flight beyond what the consumer has asked for.
 */
export function compressStream(
  body: ReadableStream<Uint8Array>,
  encoding: Encoding,
): ReadableStream<Uint8Array> {
  const cs = new CompressionStream(encoding) as unknown as TransformStream<Uint8Array, Uint8Array>
  const writer = cs.writable.getWriter()
  const output = cs.readable.getReader()
  const input = body.getReader()
  let inputDone = false
  // The write in progress: it may wait for its output to be read, so it is raced, never awaited
  // alone (awaiting it while holding back the read it waits for would deadlock).
  let writing: Promise<void> | undefined
  let failure: { error: unknown } | undefined
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | undefined

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const pending = output.read()
        let settled = false
        const done = () => {
          settled = true
        }
        pending.then(done, done)
        try {
          while (!settled && !inputDone) {
            if (writing === undefined) {
              // A slow source must not hold back output the compressor already has.
              if (reading === undefined) {
                reading = input.read()
                reading.catch(() => {})
              }
              const next = await Promise.race([reading, pending.then(() => undefined)])
              if (next === undefined) continue
              reading = undefined
              if (next.done) {
                inputDone = true
                // Not awaited: closing resolves only once the flushed output has been read.
                writer.close().catch(() => {})
                break
              }
              writing = writer.write(next.value).then(
                () => {
                  writing = undefined
                },
                (error) => {
                  failure = { error }
                  writing = undefined
                },
              )
            }
            await Promise.race([writing, pending])
            if (failure) throw failure.error
          }
          const result = await pending
          if (result.done) controller.close()
          else controller.enqueue(result.value)
        } catch (err) {
          controller.error(err)
          writer.abort(err).catch(() => {})
          input.cancel(err).catch(() => {})
        }
      },
      cancel(reason) {
        // Node's compressor may never settle an abort; only the source's cancel is waited for.
        writer.abort(reason).catch(() => {})
        output.cancel(reason).catch(() => {})
        return input.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
