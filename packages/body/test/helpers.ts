// Shared fixtures for the multipart tests: bodies, chunkings, requests and a seeded PRNG.
import type { BodyParseContext } from '@ferry/router'
import { parseMediaType } from '@ferry/router'

const encoder = new TextEncoder()

/** `utf8(s)` is `s` encoded as UTF-8. */
export const utf8 = (s: string): Uint8Array => encoder.encode(s)

/** `latin1(s)` is `s` with each code unit as one byte (for raw, non-UTF-8 bytes). */
export const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

/** One part of a body built by `formBody`. */
export interface PartInit {
  name: string
  filename?: string
  type?: string
  /** Extra raw header lines (without CRLF). */
  headers?: string[]
  content: string | Uint8Array
}

/** `formBody(boundary, parts)` is a well-formed multipart/form-data body (CRLF line ends). */
export function formBody(boundary: string, parts: readonly PartInit[]): Uint8Array<ArrayBuffer> {
  const pieces: Uint8Array[] = []
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`
    if (p.filename !== undefined) head += `; filename="${p.filename}"`
    head += '\r\n'
    if (p.type) head += `Content-Type: ${p.type}\r\n`
    for (const h of p.headers ?? []) head += `${h}\r\n`
    pieces.push(utf8(`${head}\r\n`))
    pieces.push(typeof p.content === 'string' ? utf8(p.content) : p.content)
    pieces.push(utf8('\r\n'))
  }
  pieces.push(utf8(`--${boundary}--\r\n`))
  return join(pieces)
}

/** `join(chunks)` is the chunks concatenated. */
export function join(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/** A deterministic PRNG (mulberry32), so "random" chunkings are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** How a body is cut into the chunks a request stream delivers. */
export type Chunking = 'whole' | 'bytes' | `random-${number}`

/** Every chunking the case table runs: whole, one byte per chunk, and three seeded random cuts. */
export const CHUNKINGS: readonly Chunking[] = ['whole', 'bytes', 'random-1', 'random-2', 'random-3']

/** `chunk(bytes, how)` is `bytes` cut as `how` says. */
export function chunk(bytes: Uint8Array, how: Chunking): Uint8Array[] {
  if (how === 'whole') return [bytes]
  const out: Uint8Array[] = []
  if (how === 'bytes') {
    for (let i = 0; i < bytes.length; i++) out.push(bytes.slice(i, i + 1))
    return out
  }
  const random = prng(Number(how.slice(7)))
  for (let i = 0; i < bytes.length; ) {
    // Mostly small cuts (so boundaries straddle chunks), sometimes big ones.
    const size = random() < 0.8 ? 1 + Math.floor(random() * 40) : 1 + Math.floor(random() * 4000)
    out.push(bytes.slice(i, i + size))
    i += size
  }
  return out
}

/** A pull stream over `chunks`; `stats` counts pulls and records a cancel. */
export function streamOf(
  chunks: readonly Uint8Array[],
  stats: { pulls: number; cancelled?: unknown } = { pulls: 0 },
): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        stats.pulls++
        if (i < chunks.length) controller.enqueue(chunks[i++]!)
        else controller.close()
      },
      cancel(reason) {
        stats.cancelled = reason ?? true
      },
    },
    { highWaterMark: 0 },
  )
}

/** `postOf(body, contentType, headers)` is a POST request streaming `body`. */
export function postOf(
  body: ReadableStream<Uint8Array> | Uint8Array | string | null,
  contentType: string | undefined,
  headers: Record<string, string> = {},
): Request {
  const h = new Headers(headers)
  if (contentType !== undefined) h.set('content-type', contentType)
  return new Request('http://ferry.test/upload', {
    method: 'POST',
    body: body as BodyInit | null,
    headers: h,
    // Node's fetch needs `duplex` for a stream body (WHATWG Fetch, RequestInit.duplex).
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)
}

/**
 * `contextOf(request)` is the parse context the router would pass for `request` built in-process
 * (not framed by a server unless `framed` says so).
 */
export function contextOf(
  request: Request,
  signal?: AbortSignal,
  framed = false,
): BodyParseContext {
  const media = parseMediaType(request.headers.get('content-type'))
  return {
    mediaType: media?.essence ?? '',
    mediaParams: media?.params ?? {},
    signal: signal ?? new AbortController().signal,
    framed,
  }
}

/** `failureOf(promise)` is what a rejected body read reports, for comparing outcomes. */
export async function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise
  } catch (e) {
    const error = e as { status?: number; fields?: Record<string, unknown>; name: string }
    if (error.status === undefined) throw e
    const { detail: _detail, ...fields } = error.fields ?? {}
    return { status: error.status, ...fields }
  }
  throw new Error('expected the promise to reject')
}
