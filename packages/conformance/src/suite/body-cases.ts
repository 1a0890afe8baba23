import { expect } from 'vitest'
import { createCrc32 } from '../fixture/crc32.js'
import { readProblem, type Target } from './target.js'

const UPLOAD_BYTES = 50 * 1024 * 1024

/** Request bodies: JSON, media-type and size refusals, a large streamed upload. */
export const bodyCases = [
  {
    name: 'echoes a JSON body',
    async run(target: Target) {
      const value = { text: 'héllo ☃', list: [1, 2.5, null, true], nested: { deep: ['x'] } }
      const response = await target.fetch('/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(value),
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual(value)
    },
  },
  {
    name: 'refuses an unsupported Content-Type with a 415 problem',
    async run(target: Target) {
      const response = await target.fetch('/echo', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      })
      expect(response.status).toBe(415)
      expect((await readProblem(response)).type).toMatch(/^application\/problem\+json/)
    },
  },
  {
    name: 'refuses a body over its limit with a 413 problem',
    async run(target: Target) {
      // The fixture's /echo takes at most 64 KiB.
      const response = await target.fetch('/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(100 * 1024) }),
      })
      expect(response.status).toBe(413)
      expect((await readProblem(response)).type).toMatch(/^application\/problem\+json/)
    },
  },
  {
    name: 'streams a 50 MiB multipart upload and checksums it',
    async run(target: Target) {
      const { data, crc32 } = uploadData()
      const boundary = `----ferry-${crypto.randomUUID()}`
      const body = new Blob([
        `--${boundary}\r\ncontent-disposition: form-data; name="title"\r\n\r\nbig one\r\n`,
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\n`,
        'content-type: application/octet-stream\r\n\r\n',
        data,
        `\r\n--${boundary}--\r\n`,
      ])
      const response = await target.fetch('/upload', {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({
        parts: [
          { name: 'title', size: 7, crc32: expect.any(String) },
          { name: 'file', filename: 'big.bin', size: UPLOAD_BYTES, crc32 },
        ],
      })
    },
  },
  {
    name: 'survives a client that goes away in the middle of an upload',
    async run(target: Target) {
      const boundary = `----ferry-${crypto.randomUUID()}`
      const controller = new AbortController()
      let sent!: () => void
      const firstChunkSent = new Promise<void>((resolve) => {
        sent = resolve
      })
      // A body that sends its head and 1 MiB, then never ends: only the abort finishes it.
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(
            new TextEncoder().encode(
              `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="x.bin"\r\n\r\n`,
            ),
          )
          stream.enqueue(new Uint8Array(1024 * 1024))
          sent()
        },
      })
      const request = target.fetch('/upload', {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
        duplex: 'half',
        signal: controller.signal,
      } as RequestInit)
      await firstChunkSent
      controller.abort()
      // Over a socket the client's fetch rejects; in-process the app's answer is nobody's.
      await request.then(
        (response) => response.body?.cancel(),
        () => {},
      )
      // The server is still there and answering.
      expect((await target.fetch('/posts/1')).status).toBe(200)
    },
  },
] as const

let upload: { data: Uint8Array<ArrayBuffer>; crc32: string } | undefined

/**
 * `uploadData()` is the upload's content and checksum, made on first use. Runners call it before
 * they start their runtime: a second of synchronous work in the middle of the suite would let the
 * server close idle keep-alive sockets that the client then picks from its pool (EPIPE).
 */
export function uploadData(): { data: Uint8Array<ArrayBuffer>; crc32: string } {
  if (upload === undefined) {
    const data = pseudoRandomBytes(UPLOAD_BYTES)
    const crc = createCrc32()
    crc.update(data)
    upload = { data, crc32: crc.digest() }
  }
  return upload
}

/** `size` bytes of a fixed xorshift sequence: incompressible, and the same every run. */
function pseudoRandomBytes(size: number): Uint8Array<ArrayBuffer> {
  const words = new Uint32Array(size / 4)
  let x = 2463534242
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    words[i] = x >>> 0
  }
  return new Uint8Array(words.buffer)
}
