// Every multipart limit exactly at its value and one over, whole and one byte per chunk; and the
// failure paths a consumer or a client can cause: a source that errors, a read left pending while
// the reader moves on, an early exit.
import { describe, expect, it } from 'vitest'
import {
  chunk,
  contextOf,
  failureOf,
  formBody,
  type PartInit,
  postOf,
  streamOf,
} from '../../test/helpers.js'
import type { MultipartLimits } from './limits.js'
import { multipart } from './multipart.js'
import { field, file } from './multipart-fields.js'
import { parseMultipart } from './parse-multipart.js'

const CT = 'multipart/form-data; boundary=XyZ'

const PARTS: PartInit[] = [
  { name: 'title', content: '0123456789' },
  { name: 'a', filename: 'a.bin', content: 'abcdefghijklmnop' },
  { name: 'b', filename: 'b.bin', content: 'q' },
]
const BODY = formBody('XyZ', PARTS)
// 'Content-Disposition: form-data; name="a"; filename="a.bin"' and CRLF CRLF.
const LARGEST_HEADER = 58 + 4

async function names(body: Uint8Array, limits: MultipartLimits, how: 'whole' | 'bytes') {
  const out: string[] = []
  for await (const part of parseMultipart(postOf(streamOf(chunk(body, how)), CT), limits)) {
    out.push(`${part.name}:${(await part.bytes()).length}`)
  }
  return out
}

describe('multipart limits, at and one over', () => {
  it.each([
    ['bodySize', BODY.length, {}],
    ['parts', 3, {}],
    ['files', 2, {}],
    ['headerSize', LARGEST_HEADER, {}],
    ['headerPairs', 1, {}],
    ['fieldSize', 10, { field: 'title' }],
    ['fileSize', 16, { field: 'a' }],
  ] as const)('%s: %i passes, one less is a 413', async (limit, max, extra) => {
    for (const how of ['whole', 'bytes'] as const) {
      expect(await names(BODY, { [limit]: max }, how)).toEqual(['title:10', 'a:16', 'b:1'])
      const failure = await failureOf(names(BODY, { [limit]: max - 1 }, how))
      expect({ how, failure }).toEqual({
        how,
        failure: { status: 413, limit, max: max - 1, ...extra },
      })
    }
  })

  it('does not count a file input left empty against files, but does an unnamed file with content', async () => {
    // What a browser sends for a form with three optional file inputs, two of them left empty.
    const form = (content: string) =>
      formBody('XyZ', [
        { name: 'a', filename: '', content: '', type: 'application/octet-stream' },
        { name: 'b', filename: 'b.bin', content: 'q' },
        { name: 'c', filename: '', content, type: 'application/octet-stream' },
      ])
    for (const how of ['whole', 'bytes'] as const) {
      expect(await names(form(''), { files: 1 }, how)).toEqual(['a:0', 'b:1', 'c:0'])
      expect(await failureOf(names(form('x'), { files: 1 }, how))).toEqual({
        status: 413,
        limit: 'files',
        max: 1,
      })
    }
  })

  it('counts the body whatever Content-Length says, and refuses a declared one over at once', async () => {
    const read = (length: string, bodySize: number) => {
      const request = postOf(streamOf([BODY]), CT, { 'content-length': length })
      return failureOf(
        (async () => {
          for await (const part of parseMultipart(request, { bodySize })) await part.bytes()
        })(),
      )
    }
    const over = { status: 413, limit: 'bodySize', max: BODY.length - 1 }
    expect(await read('10', BODY.length - 1)).toEqual(over)
    expect(await read('abc', BODY.length - 1)).toEqual(over)
    expect(await read(String(BODY.length), BODY.length - 1)).toEqual(over)
  })

  it('applies file({ maxSize }) at and one over, in memory and streamed', async () => {
    for (const memory of [true, false]) {
      const spec = (maxSize: number) =>
        multipart({
          fields: {
            title: field(),
            a: file({ maxSize, memory }),
            b: file({ memory: true, optional: true }),
          },
        })
      const read = async (maxSize: number) => {
        const request = postOf(streamOf(chunk(BODY, 'bytes')), CT)
        const record = (await spec(maxSize).parse(request, contextOf(request))) as {
          a: { bytes(): Promise<Uint8Array> }
        }
        return (await record.a.bytes()).length
      }
      if (memory) expect(await read(16)).toBe(16)
      const failure = await failureOf(read(15))
      expect({ memory, failure }).toEqual({
        memory,
        failure: { status: 413, limit: 'fileSize', max: 15, field: 'a' },
      })
    }
  })
})

/** A stream of `chunks` that then errors with `reason`; `stats` records a cancel. */
function failing(chunks: Uint8Array[], reason: Error, stats: { cancelled?: unknown } = {}) {
  let i = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (i < chunks.length) c.enqueue(chunks[i++]!)
        else c.error(reason)
      },
      cancel(r) {
        stats.cancelled = r
      },
    },
    { highWaterMark: 0 },
  )
}

describe('multipart failure paths', () => {
  const lost = new Error('connection reset')
  const half = [BODY.slice(0, 20), BODY.slice(20, 150)]

  it('surfaces a source error mid-part as a 400 truncated, through the part, next() and the typed record', async () => {
    // The runtime's error for a connection that broke off (Deno's BadResource, a reset) becomes a
    // problem the router answers, with the error as its cause; a bare error was logged as the app's.
    const broke = { status: 400, fields: { defect: 'truncated' }, cause: lost }
    const reader = parseMultipart(postOf(failing(half, lost), CT))
    const first = (await reader.next()).value!
    expect(await first.text()).toBe('0123456789')
    const second = (await reader.next()).value!
    await expect(second.bytes()).rejects.toMatchObject(broke)
    await expect(reader.next()).rejects.toMatchObject(broke)

    const skipping = parseMultipart(postOf(failing(half, lost), CT))
    await expect(
      (async () => {
        for await (const _ of skipping);
      })(),
    ).rejects.toMatchObject(broke)

    const request = postOf(failing(half, lost), CT)
    const spec = multipart({ fields: { title: field(), a: file({ memory: true }), b: file() } })
    await expect(spec.parse(request, contextOf(request))).rejects.toMatchObject(broke)
  })

  it("settles a part's pending read when the consumer moves on to the next part", async () => {
    const reader = parseMultipart(postOf(streamOf(chunk(BODY, 'bytes')), CT))
    const first = (await reader.next()).value!
    const body = first.body.getReader()
    const pending = body.read()
    const next = await reader.next()
    expect(next.value?.name).toBe('a')
    // The first read may have got a byte before the reader moved on; the next one cannot.
    await pending.catch(() => {})
    await expect(body.read()).rejects.toThrow(/moved past part "title"/)
    expect(await next.value!.text()).toBe('abcdefghijklmnop')
    await reader.return()
  })

  it('cancels the request when the consumer leaves early, also from a typed record error', async () => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const request = postOf(streamOf(chunk(BODY, 'bytes'), stats), CT)
    const spec = multipart({ fields: { title: field() } })
    expect(await failureOf(spec.parse(request, contextOf(request)))).toMatchObject({ status: 422 })
    expect(stats.cancelled).toBeDefined()
    expect(stats.pulls).toBeLessThan(BODY.length)
  })

  it('reads a body with a huge chunk over bodySize as 413, not by parsing it', async () => {
    const huge = new Uint8Array(8 * 1024 * 1024).fill(0x61)
    const failure = await failureOf(names(huge, { bodySize: 1024 * 1024 }, 'whole'))
    expect(failure).toEqual({ status: 413, limit: 'bodySize', max: 1024 * 1024 })
  })
})
