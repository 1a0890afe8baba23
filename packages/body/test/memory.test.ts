// Uploads streamed through a file field while the heap is watched (one by a slow consumer): memory stays flat,
// because the request is read only as fast as the handler reads the file (DESIGN.md §4).
import { expect, it } from 'vitest'
import { field, file, multipart } from '../src/index.js'
import { contextOf, postOf, utf8 } from './helpers.js'

const MiB = 1024 * 1024
const CHUNK = 64 * 1024

/** A request whose body is generated chunk by chunk as it is pulled: nothing is held in advance. */
function generatedUpload(SIZE: number): Request {
  const head = utf8(
    '--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nbig\r\n' +
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n' +
      'Content-Type: application/octet-stream\r\n\r\n',
  )
  const tail = utf8('\r\n--XyZ--\r\n')
  let sent = -1
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent === -1) {
          controller.enqueue(head)
          sent = 0
        } else if (sent < SIZE) {
          // A fresh chunk each time, as a socket would deliver; 0x61 never starts a delimiter.
          controller.enqueue(new Uint8Array(CHUNK).fill(0x61))
          sent += CHUNK
        } else {
          controller.enqueue(tail)
          controller.close()
        }
      },
    },
    { highWaterMark: 0 },
  )
  return postOf(body, 'multipart/form-data; boundary=XyZ')
}

const gc = (globalThis as { gc?: () => void }).gc

/** Live heap plus array buffers, after a full collection that had a turn to free backing stores. */
async function used(): Promise<number> {
  gc?.()
  await new Promise((resolve) => setImmediate(resolve))
  gc?.()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

const CASES = [
  { name: 'a 256 MiB file read as fast as it comes', size: 256 * MiB, slow: false },
  // A slow consumer: a macrotask between reads, as a handler writing to disk or a socket has.
  { name: 'a 64 MiB file read by a slow consumer', size: 64 * MiB, slow: true },
]

it.each(CASES)(
  `streams $name in flat memory${gc ? '' : ' (no --expose-gc: samples are noisier)'}`,
  async ({ size: SIZE, slow }) => {
    const spec = multipart({
      fields: { title: field(), file: file({ maxSize: SIZE }) },
      limits: { bodySize: SIZE + MiB },
    })
    const request = generatedUpload(SIZE)
    const body = await spec.parse(request, contextOf(request))
    expect(body.title).toBe('big')

    let received = 0
    let nextSample = 16 * MiB
    let peak = 0
    // The baseline is taken once 16 MiB went through, so code compiled on first use is not counted.
    let baseline = -1
    const reader = body.file.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      received += value.byteLength
      if (slow) await new Promise((resolve) => setImmediate(resolve))
      if (received >= nextSample) {
        nextSample += 16 * MiB
        if (baseline === -1) baseline = await used()
        else peak = Math.max(peak, (await used()) - baseline)
      }
    }
    expect(received).toBe(SIZE)
    // Flat: a few MiB of growth at most while the rest went through.
    expect(peak).toBeLessThan(4 * MiB)
  },
  60_000,
)
