import { describe, expect, it } from 'vitest'
import { contextOf, formBody, postOf, streamOf, utf8 } from '../../test/helpers.js'
import { PartSkippedError } from './multipart-part.js'
import { multipart } from './multipart.js'
import { parseMultipart } from './parse-multipart.js'

const CT = 'multipart/form-data; boundary=XyZ'

/** A body of `parts` files of `size` bytes, each a run of one letter, cut into 1 KiB chunks. */
function bigBody(parts: number, size: number): Uint8Array[] {
  const body = formBody(
    'XyZ',
    Array.from({ length: parts }, (_, i) => ({
      name: `f${i}`,
      filename: `f${i}.bin`,
      content: String.fromCharCode(97 + i).repeat(size),
    })),
  )
  const chunks: Uint8Array[] = []
  for (let i = 0; i < body.length; i += 1024) chunks.push(body.slice(i, i + 1024))
  return chunks
}

describe('parseMultipart reads the request only as the consumer pulls', () => {
  it('reads nothing before the first next(), and one chunk per part chunk after', async () => {
    const stats = { pulls: 0 }
    const reader = parseMultipart(postOf(streamOf(bigBody(1, 64 * 1024), stats), CT))
    expect(stats.pulls).toBe(0)
    const first = await reader.next()
    expect(first.done).toBe(false)
    const afterHead = stats.pulls
    expect(afterHead).toBeLessThanOrEqual(2)
    const body = first.value!.body.getReader()
    await body.read()
    await body.read()
    // Two reads of the part need at most two more request chunks (66 chunks in all).
    expect(stats.pulls - afterHead).toBeLessThanOrEqual(2)
    await reader.return()
  })

  it('skips an unread part when the consumer moves on, and the next part is intact', async () => {
    const reader = parseMultipart(postOf(streamOf(bigBody(3, 5000)), CT))
    const names: string[] = []
    let last = ''
    for await (const part of reader) {
      names.push(part.name)
      if (part.name === 'f2') last = await part.text()
    }
    expect(names).toEqual(['f0', 'f1', 'f2'])
    expect(last).toBe('c'.repeat(5000))
  })

  it('reports a part the reader moved past as used, and only then', async () => {
    const reader = parseMultipart(postOf(streamOf(bigBody(2, 5000)), CT))
    const a = (await reader.next()).value!
    expect(a.bodyUsed).toBe(false)
    const b = (await reader.next()).value!
    expect([a.bodyUsed, b.bodyUsed]).toEqual([true, false])
    await expect(a.text()).rejects.toBeInstanceOf(PartSkippedError)
    await reader.return()
  })

  it('fails a skipped part body with PartSkippedError', async () => {
    const reader = parseMultipart(postOf(streamOf(bigBody(2, 5000)), CT))
    const a = (await reader.next()).value!
    const stream = a.body.getReader()
    await stream.read()
    await reader.next()
    await expect(stream.read()).rejects.toBeInstanceOf(PartSkippedError)
    await reader.return()
  })

  it('refuses to read a part body twice', async () => {
    const reader = parseMultipart(postOf(formBody('XyZ', [{ name: 'a', content: 'x' }]), CT))
    const a = (await reader.next()).value!
    expect(await a.text()).toBe('x')
    expect(a.bodyUsed).toBe(true)
    await expect(a.text()).rejects.toThrow(/already been read/)
  })

  it('refuses text() after part of the body was read as a stream, rather than the rest', async () => {
    const reader = parseMultipart(postOf(streamOf(bigBody(1, 5000)), CT))
    const a = (await reader.next()).value!
    const stream = a.body.getReader()
    expect((await stream.read()).value!.length).toBeGreaterThan(0)
    stream.releaseLock()
    await expect(a.text()).rejects.toThrow(/already been read/)
    await reader.return()
  })

  it('cancels the request stream when a limit is crossed', async () => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const reader = parseMultipart(postOf(streamOf(bigBody(1, 100_000), stats), CT), {
      fileSize: 10_000,
    })
    const part = (await reader.next()).value!
    await expect(part.bytes()).rejects.toMatchObject({ status: 413 })
    expect(stats.cancelled).toMatchObject({ status: 413, fields: { limit: 'fileSize' } })
    // Well before the 100 kB body is read: the limit stops it at about 10 kB.
    expect(stats.pulls).toBeLessThan(20)
    await expect(reader.next()).rejects.toMatchObject({ status: 413 })
  })

  it('cancels the request stream when the consumer stops early', async () => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    for await (const part of parseMultipart(postOf(streamOf(bigBody(3, 5000), stats), CT))) {
      expect(part.name).toBe('f0')
      break
    }
    expect(stats.cancelled).toBeInstanceOf(Error)
  })

  it('ends, rather than failing 400, when return() cancels a read a part was waiting on', async () => {
    const body = formBody('XyZ', [{ name: 'a', content: 'x'.repeat(100) }])
    let sent = false
    // The first 60 bytes, then a read that never settles until the cancel ends it.
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (!sent) controller.enqueue(body.slice(0, 60))
          sent = true
          return new Promise(() => {})
        },
      },
      { highWaterMark: 0 },
    )
    const reader = parseMultipart(postOf(stream, CT))
    const part = (await reader.next()).value!
    const pending = part.text()
    await reader.return()
    await expect(pending).rejects.toBeInstanceOf(PartSkippedError)
    expect(await reader.next()).toEqual({ done: true, value: undefined })
  })

  it('gives no part after return(), also through multipart.stream with its first part unread', async () => {
    const request = postOf(streamOf(bigBody(2, 5000)), CT)
    const reader = await multipart.stream().parse(request, contextOf(request))
    await reader.return()
    expect(await reader.next()).toEqual({ done: true, value: undefined })
  })

  it('cancels when the signal aborts', async () => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const controller = new AbortController()
    const request = postOf(streamOf(bigBody(2, 5000), stats), CT)
    const reader = await multipart.stream().parse(request, contextOf(request, controller.signal))
    const part = (await reader.next()).value!
    controller.abort(new Error('client went away'))
    await expect(part.text()).rejects.toThrow('client went away')
    expect(stats.cancelled).toBeInstanceOf(Error)
  })

  it('parseMultipart follows the request signal too', async () => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const controller = new AbortController()
    const request = new Request(postOf(streamOf(bigBody(2, 5000), stats), CT), {
      signal: controller.signal,
    })
    const reader = parseMultipart(request)
    const part = (await reader.next()).value!
    controller.abort(new Error('client went away'))
    await expect(part.text()).rejects.toThrow('client went away')
    await expect(reader.next()).rejects.toThrow('client went away')
    expect(stats.cancelled).toBeInstanceOf(Error)
  })

  it('fails at once, reading nothing, when the signal is already aborted', async () => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const request = postOf(streamOf(bigBody(1, 5000), stats), CT)
    const spec = multipart.stream()
    await expect(
      spec.parse(request, contextOf(request, AbortSignal.abort(new Error('gone')))),
    ).rejects.toThrow('gone')
    expect(stats.pulls).toBe(0)
    expect(stats.cancelled).toBeInstanceOf(Error)
  })

  it('catches a Content-Length that lies low', async () => {
    const body = bigBody(1, 50_000)
    const reader = parseMultipart(postOf(streamOf(body), CT, { 'content-length': '100' }), {
      bodySize: 20_000,
    })
    const part = (await reader.next()).value!
    await expect(part.bytes()).rejects.toMatchObject({
      status: 413,
      fields: { limit: 'bodySize', max: 20_000 },
    })
  })

  it('answers 413 at once when Content-Length is over the limit, reading nothing', () => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const request = postOf(streamOf(bigBody(1, 5000), stats), CT, { 'content-length': '5200' })
    expect(() => parseMultipart(request, { bodySize: 5000 })).toThrow(
      expect.objectContaining({ status: 413 }),
    )
    expect(stats.pulls).toBe(0)
  })

  it.each([
    ['text/plain', 415],
    ['multipart/form-data', 400],
    ['multipart/form-data; boundary=', 400],
    [`multipart/form-data; boundary=${'b'.repeat(71)}`, 400],
  ])('rejects Content-Type %s with %i, cancelling the body unread', (type, status) => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    expect(() => parseMultipart(postOf(streamOf([utf8('x')], stats), type))).toThrow(
      expect.objectContaining({ status }),
    )
    expect(stats).toMatchObject({ pulls: 0, cancelled: expect.objectContaining({ status }) })
  })

  it.each([
    ['multipart({ fields })', multipart({ fields: {} })],
    ['multipart.stream()', multipart.stream()],
  ])('%s answers a missing boundary with 400, cancelling the body unread', async (_, spec) => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const request = postOf(streamOf([utf8('x')], stats), 'multipart/form-data')
    await expect(spec.parse(request, contextOf(request))).rejects.toMatchObject({
      status: 400,
      fields: { defect: 'boundary' },
    })
    expect(stats).toMatchObject({ pulls: 0, cancelled: expect.objectContaining({ status: 400 }) })
  })

  it('says what is wrong with a Content-Type it cannot read, not that there is none', () => {
    const type = 'multipart/form-data; boundary=a; BOUNDARY=b'
    expect(() => parseMultipart(postOf(utf8('x'), type))).toThrow(
      expect.objectContaining({
        status: 415,
        fields: { detail: `Content-Type "${type}" is not a valid media type` },
      }),
    )
  })

  it('reads a request without a body as truncated', async () => {
    const reader = parseMultipart(new Request('http://x/', { headers: { 'content-type': CT } }))
    await expect(reader.next()).rejects.toMatchObject({
      status: 400,
      fields: { defect: 'truncated' },
    })
  })
})

describe('_charset_ (RFC 7578 §4.6)', () => {
  const body = () =>
    formBody('XyZ', [
      { name: 'before', content: 'ü' },
      { name: '_charset_', content: ' windows-1252 ' },
      { name: 'city', content: new Uint8Array([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]) },
      { name: 'own', type: 'text/plain; charset=utf-8', content: 'Zürich' },
    ])

  it('decodes the text fields after it without a charset in the charset it names', async () => {
    const texts: [string, string][] = []
    for await (const part of parseMultipart(postOf(streamOf([body()]), CT))) {
      texts.push([part.name, await part.text()])
    }
    expect(texts).toEqual([
      ['before', 'ü'],
      ['_charset_', ' windows-1252 '],
      ['city', 'Zürich'],
      ['own', 'Zürich'],
    ])
  })

  it('applies when the consumer skips the _charset_ part, and through multipart.stream', async () => {
    const request = postOf(streamOf([body()]), CT)
    const reader = await multipart.stream().parse(request, contextOf(request))
    const texts: string[] = []
    for await (const part of reader) if (part.name === 'city') texts.push(await part.text())
    expect(texts).toEqual(['Zürich'])
  })

  it.each(['not a charset!', 'x-no-such-charset'])(
    'ignores %j, which is no encoding label the runtime knows',
    async (label) => {
      const parts = [
        { name: '_charset_', content: label },
        { name: 'a', content: 'ü' },
      ]
      const texts: string[] = []
      for await (const part of parseMultipart(postOf(streamOf([formBody('XyZ', parts)]), CT))) {
        texts.push(await part.text())
      }
      expect(texts).toEqual([label, 'ü'])
    },
  )
})
