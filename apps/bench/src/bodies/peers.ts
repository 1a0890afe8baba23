// Each parser under test, reading a whole body and every part's content. A parser reports the
// parts and content bytes it saw, and with `check` the sum of those bytes (mod 2^32), so answers
// are compared with the generated body before anything is timed.
import { Readable } from 'node:stream'
import FastifyBusboy from '@fastify/busboy'
import { parseMultipart } from '@ferry/body'
import { parseMultipartRequest } from '@remix-run/multipart-parser'
import busboy from 'busboy'
import * as Multipasta from 'multipasta/web'
import { BOUNDARY, type BodyCase, CONTENT_TYPE, requestOf, webStream } from './bodies.js'

export interface Seen {
  parts: number
  bytes: number
  sum: number
}

export interface Parser {
  readonly name: string
  readonly ours?: boolean
  /** Whether it streams (reads part content without holding the whole body). */
  readonly streaming: boolean
  parse(body: BodyCase, check: boolean, onPull?: () => void): Promise<Seen>
}

const BIG = 2 ** 40

function add(seen: Seen, chunk: Uint8Array, check: boolean): void {
  seen.bytes += chunk.byteLength
  if (check) {
    let s = 0
    for (let i = 0; i < chunk.length; i++) s += chunk[i]!
    seen.sum = (seen.sum + s) >>> 0
  }
}

/** Counts a text field's value: every generated field is ASCII, so a char is a byte. */
function addText(seen: Seen, value: string, check: boolean): void {
  seen.bytes += value.length
  if (check) {
    let s = 0
    for (let i = 0; i < value.length; i++) s += value.charCodeAt(i)
    seen.sum = (seen.sum + s) >>> 0
  }
}

async function drain(stream: ReadableStream<Uint8Array>, seen: Seen, check: boolean, slow = false) {
  const reader = stream.getReader()
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    add(seen, r.value, check)
    if (slow) await pause()
  }
}

/** A slow consumer's pause: one macrotask, as writing each chunk to a disk or socket takes. */
const pause = () => new Promise((resolve) => setImmediate(resolve))

/** A Node Readable over the same generated chunks, as an IncomingMessage would deliver them. */
function nodeStream(body: BodyCase, onPull?: () => void): Readable {
  const it = body.chunks()
  return new Readable({
    read() {
      onPull?.()
      const next = it.next()
      this.push(next.done ? null : next.value)
    },
  })
}

export const PARSERS: readonly Parser[] = [
  {
    name: '@ferry/body parseMultipart',
    ours: true,
    streaming: true,
    async parse(body, check, onPull) {
      const seen = { parts: 0, bytes: 0, sum: 0 }
      const limits = { bodySize: BIG, fileSize: BIG, fieldSize: BIG, parts: 1e6, files: 1e6 }
      for await (const part of parseMultipart(requestOf(body, onPull), limits)) {
        seen.parts++
        // Fields as the string busboy and formData() hand out, files as the pull stream they are.
        if (part.filename === undefined) addText(seen, await part.text(), check)
        else await drain(part.body, seen, check)
      }
      return seen
    },
  },
  {
    name: '@ferry/body, slow consumer',
    ours: true,
    streaming: true,
    async parse(body, check, onPull) {
      const seen = { parts: 0, bytes: 0, sum: 0 }
      const limits = { bodySize: BIG, fileSize: BIG, fieldSize: BIG, parts: 1e6, files: 1e6 }
      for await (const part of parseMultipart(requestOf(body, onPull), limits)) {
        seen.parts++
        await drain(part.body, seen, check, true)
      }
      return seen
    },
  },
  {
    name: 'busboy',
    streaming: true,
    parse(body, check, onPull) {
      return new Promise((resolve, reject) => {
        const seen = { parts: 0, bytes: 0, sum: 0 }
        const bb = busboy({
          headers: { 'content-type': CONTENT_TYPE },
          limits: { fieldSize: BIG, fileSize: BIG },
          defParamCharset: 'latin1',
        })
        bb.on('file', (_name, file) => {
          seen.parts++
          file.on('data', (d: Buffer) => add(seen, d, check))
        })
        bb.on('field', (_name, value) => {
          seen.parts++
          addText(seen, value, check)
        })
        bb.on('close', () => resolve(seen))
        bb.on('error', reject)
        nodeStream(body, onPull).pipe(bb)
      })
    },
  },
  {
    name: '@fastify/busboy',
    streaming: true,
    parse(body, check, onPull) {
      return new Promise((resolve, reject) => {
        const seen = { parts: 0, bytes: 0, sum: 0 }
        const bb = new FastifyBusboy({
          headers: { 'content-type': CONTENT_TYPE },
          limits: { fieldSize: BIG, fileSize: BIG, fields: BIG, parts: BIG, files: BIG },
        })
        bb.on('file', (_name: string, file: Readable) => {
          seen.parts++
          file.on('data', (d: Buffer) => add(seen, d, check))
        })
        bb.on('field', (_name: string, value: string) => {
          seen.parts++
          addText(seen, value, check)
        })
        bb.on('finish', () => resolve(seen))
        bb.on('error', reject)
        nodeStream(body, onPull).pipe(bb)
      })
    },
  },
  {
    name: 'multipasta (web, raw)',
    streaming: true,
    async parse(body, check, onPull) {
      const seen = { parts: 0, bytes: 0, sum: 0 }
      const mp = Multipasta.make({
        headers: new Headers({ 'content-type': CONTENT_TYPE }),
        maxFieldSize: BIG,
      })
      const piping = webStream(body, onPull).pipeTo(mp.writable)
      const parts = mp.readable.getReader()
      for (let r = await parts.read(); !r.done; r = await parts.read()) {
        seen.parts++
        if (r.value._tag === 'Field') add(seen, r.value.value, check)
        else await drain(r.value.readable, seen, check)
      }
      await piping
      return seen
    },
  },
  {
    name: 'multipasta (web, raw), slow consumer',
    // Not a speed contender: it shows what a slow consumer does to memory without backpressure.
    streaming: false,
    async parse(body, check, onPull) {
      const seen = { parts: 0, bytes: 0, sum: 0 }
      const mp = Multipasta.make({
        headers: new Headers({ 'content-type': CONTENT_TYPE }),
        maxFieldSize: BIG,
      })
      const piping = webStream(body, onPull).pipeTo(mp.writable)
      const parts = mp.readable.getReader()
      for (let r = await parts.read(); !r.done; r = await parts.read()) {
        seen.parts++
        if (r.value._tag === 'Field') add(seen, r.value.value, check)
        else await drain(r.value.readable, seen, check, true)
      }
      await piping
      return seen
    },
  },
  {
    name: '@remix-run/multipart-parser',
    streaming: false,
    async parse(body, check, onPull) {
      const seen = { parts: 0, bytes: 0, sum: 0 }
      const options = { maxFileSize: BIG, maxTotalSize: BIG, maxParts: 1e6 }
      for await (const part of parseMultipartRequest(requestOf(body, onPull), options)) {
        // Remix parses a part's headers when first asked: ask, as any consumer does.
        if (part.name === undefined && part.filename === '') throw new Error('unreachable')
        seen.parts++
        for (const chunk of part.content) add(seen, chunk, check)
      }
      return seen
    },
  },
  {
    name: 'Request.formData() (undici)',
    streaming: false,
    async parse(body, check, onPull) {
      const seen = { parts: 0, bytes: 0, sum: 0 }
      const form = await requestOf(body, onPull).formData()
      for (const [, value] of form) {
        seen.parts++
        if (typeof value === 'string') addText(seen, value, check)
        else add(seen, new Uint8Array(await value.arrayBuffer()), check)
      }
      return seen
    },
  },
]

/**
 * The floor: read the same web stream, find the delimiter in each chunk with `indexOf` and copy
 * the chunk once. No parser that reads a web stream and hands out content can do less.
 */
export const FLOOR: Parser = {
  name: 'floor: web stream + indexOf + copy',
  streaming: true,
  async parse(body, check, onPull) {
    const seen = { parts: 0, bytes: 0, sum: 0 }
    const needle = Buffer.from(`\r\n--${BOUNDARY}`)
    const scratch = Buffer.allocUnsafe(64 * 1024)
    const reader = webStream(body, onPull).getReader()
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const chunk = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength)
      for (let at = chunk.indexOf(needle); at !== -1; at = chunk.indexOf(needle, at + 1)) {
        seen.parts++
      }
      chunk.copy(scratch)
      add(seen, r.value, check)
    }
    return seen
  },
}

/**
 * What delivering the body costs: read the same web stream and count its bytes, nothing else.
 * Every web parser pays it (busboy's Node stream costs about the same); the rest of a row's time
 * is the parser's own.
 */
export const SOURCE: Parser = {
  name: 'source only: read the web stream',
  streaming: true,
  async parse(body, _check, onPull) {
    const seen = { parts: 0, bytes: 0, sum: 0 }
    const reader = webStream(body, onPull).getReader()
    for (let r = await reader.read(); !r.done; r = await reader.read()) seen.bytes += r.value.length
    return seen
  },
}
