import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  contextOf,
  failureOf,
  formBody,
  type PartInit,
  postOf,
  streamOf,
} from '../../test/helpers.js'
import { field, file } from './multipart-fields.js'
import { multipart } from './multipart.js'

const CT = 'multipart/form-data; boundary=XyZ'
const post = (parts: PartInit[]) => postOf(streamOf([formBody('XyZ', parts)]), CT)
const parse = <T>(spec: { parse(r: Request, c: any): Promise<T> }, parts: PartInit[]) => {
  const request = post(parts)
  return spec.parse(request, contextOf(request))
}

describe('multipart({ fields })', () => {
  const Upload = multipart({
    fields: {
      title: field(v.pipe(v.string(), v.minLength(1))),
      count: field(v.pipe(v.string(), v.transform(Number), v.integer())),
      tags: field(v.array(v.string()), { multiple: true }),
      photo: file({ maxSize: 1000, types: ['image/*'] }),
    },
  })

  it('validates fields with their schemas and streams the last file', async () => {
    const body = await parse(Upload, [
      { name: 'title', content: 'Hi' },
      { name: 'count', content: '3' },
      { name: 'tags', content: 'a' },
      { name: 'tags', content: 'b' },
      { name: 'photo', filename: 'p.png', type: 'image/png', content: 'PNGDATA' },
    ])
    expect(body.title).toBe('Hi')
    expect(body.count).toBe(3)
    expect(body.tags).toEqual(['a', 'b'])
    expect(body.photo.filename).toBe('p.png')
    expect(await new Response(body.photo.body).text()).toBe('PNGDATA')
  })

  it('answers 422 with every issue and its path', async () => {
    const failure = await failureOf(
      parse(Upload, [
        { name: 'title', content: '' },
        { name: 'count', content: 'x' },
        { name: 'photo', filename: 'p.png', type: 'image/png', content: 'P' },
      ]),
    )
    expect(failure.status).toBe(422)
    const paths = (failure.issues as { path: string[] }[]).map((i) => i.path[0])
    expect(paths).toEqual(['title', 'count'])
  })

  it('answers 415 for a file of a type not listed', async () => {
    const failure = await failureOf(
      parse(Upload, [
        { name: 'title', content: 'a' },
        { name: 'count', content: '1' },
        { name: 'photo', filename: 'p.txt', type: 'text/plain', content: 'P' },
      ]),
    )
    expect(failure).toMatchObject({ status: 415, field: 'photo' })
  })

  it('answers 413 fileSize naming the field when a file is over its maxSize', async () => {
    const spec = multipart({ fields: { photo: file({ maxSize: 10, memory: true }) } })
    const failure = await failureOf(
      parse(spec, [{ name: 'photo', filename: 'p.png', content: 'x'.repeat(11) }]),
    )
    expect(failure).toEqual({ status: 413, limit: 'fileSize', max: 10, field: 'photo' })
  })

  it('reads an undeclared _charset_ field as the charset of the fields, not as an unknown part', async () => {
    const spec = multipart({ fields: { city: field() } })
    const value = await parse(spec, [
      { name: '_charset_', content: 'iso-8859-1' },
      { name: 'city', content: new Uint8Array([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]) },
    ])
    expect(value).toEqual({ city: 'Zürich' })
  })

  it('rejects unknown parts with 422 by default, and skips them with unknown: ignore', async () => {
    const fields = { a: field() }
    const parts = [
      { name: 'zzz', filename: 'x.bin', content: 'x'.repeat(5000) },
      { name: 'a', content: '1' },
    ]
    expect(await failureOf(parse(multipart({ fields }), parts))).toMatchObject({ status: 422 })
    expect(await parse(multipart({ fields, unknown: 'ignore' }), parts)).toEqual({ a: '1' })
  })

  it('answers 422 when a single field is sent twice, or a required one is missing', async () => {
    const spec = multipart({ fields: { a: field(), b: field() } })
    const twice = await failureOf(
      parse(spec, [
        { name: 'a', content: '1' },
        { name: 'a', content: '2' },
      ]),
    )
    expect(twice).toMatchObject({ status: 422, issues: [{ path: ['a'] }] })
    const missing = await failureOf(parse(spec, [{ name: 'a', content: '1' }]))
    expect(missing).toMatchObject({ status: 422, issues: [{ path: ['b'] }] })
  })

  it('collects files to memory in any order, and treats an empty file input as no file', async () => {
    const spec = multipart({
      fields: {
        docs: file({ memory: true, multiple: true }),
        avatar: file({ memory: true, optional: true }),
        note: field(),
      },
    })
    const body = await parse(spec, [
      { name: 'docs', filename: 'a.txt', content: 'A' },
      { name: 'avatar', filename: '', type: 'application/octet-stream', content: '' },
      { name: 'note', content: 'n' },
      { name: 'docs', filename: 'b.txt', content: 'B' },
    ])
    expect(body.docs.map((d) => d.filename)).toEqual(['a.txt', 'b.txt'])
    expect(await body.docs[1]!.text()).toBe('B')
    expect(await body.docs[1]!.text()).toBe('B')
    expect(body.avatar).toBeUndefined()
    expect(body.note).toBe('n')
  })

  it('makes a streamed file fail with 422 when a part follows it', async () => {
    const spec = multipart({ fields: { f: file(), after: field(v.optional(v.string())) } })
    const body = await parse(spec, [
      { name: 'f', filename: 'f.bin', content: 'data' },
      { name: 'after', content: 'late' },
    ])
    await expect(body.f.text()).rejects.toMatchObject({ status: 422 })
  })

  it("cancels the request when the handler cancels a streamed file's body", async () => {
    // The file is the last thing the record reads: a handler that cancels it is done with the
    // upload, and the rest of it (up to bodySize) should not wait on the connection.
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const bytes = formBody('XyZ', [
      { name: 't', content: 'hi' },
      { name: 'f', filename: 'f.bin', content: 'x'.repeat(10_000) },
    ])
    const chunks = Array.from({ length: Math.ceil(bytes.length / 100) }, (_, i) =>
      bytes.slice(i * 100, i * 100 + 100),
    )
    const request = postOf(streamOf(chunks, stats), CT)
    const spec = multipart({ fields: { t: field(), f: file() } })
    const body = await spec.parse(request, contextOf(request))
    const reader = body.f.body.getReader()
    expect((await reader.read()).done).toBe(false)
    await reader.cancel()
    expect(stats.cancelled).toBeDefined()
    expect(stats.pulls).toBeLessThan(chunks.length)
  })

  it('explains a required field that comes after a streamed file', async () => {
    const spec = multipart({ fields: { f: file(), title: field() } })
    const failure = await failureOf(
      parse(spec, [
        { name: 'f', filename: 'f.bin', content: 'data' },
        { name: 'title', content: 'late' },
      ]),
    )
    expect(failure).toMatchObject({ status: 422, issues: [{ path: ['title'] }] })
    expect((failure.issues as { message: string }[])[0]!.message).toContain('streamed file "f"')
  })

  it('accepts a zod schema as well (Standard Schema)', async () => {
    const spec = multipart({ fields: { n: field(z.coerce.number().int().positive()) } })
    expect(await parse(spec, [{ name: 'n', content: '42' }])).toEqual({ n: 42 })
    expect(await failureOf(parse(spec, [{ name: 'n', content: '-1' }]))).toMatchObject({
      status: 422,
      issues: [{ path: ['n'] }],
    })
  })

  it('validates with a schema that is a function, as arktype types are', async () => {
    // Standard Schema puts `~standard` on any object, functions included (arktype's `type()`).
    const digits = Object.assign((input: unknown) => input, {
      '~standard': {
        version: 1 as const,
        vendor: 'callable',
        validate: (input: unknown) =>
          typeof input === 'string' && /^\d+$/.test(input)
            ? { value: Number(input) }
            : { issues: [{ message: 'expected digits' }] },
      },
    })
    const spec = multipart({ fields: { n: field(digits) } })
    expect(await parse(spec, [{ name: 'n', content: '42' }])).toEqual({ n: 42 })
    expect(await failureOf(parse(spec, [{ name: 'n', content: 'x' }]))).toMatchObject({
      status: 422,
      issues: [{ message: 'expected digits', path: ['n'] }],
    })
  })

  it('does not resolve part names to prototype members', async () => {
    const spec = multipart({ fields: { a: field() } })
    const failure = await failureOf(
      parse(spec, [
        { name: 'a', content: '1' },
        { name: 'constructor', content: 'x' },
      ]),
    )
    expect(failure).toMatchObject({ status: 422, issues: [{ path: ['constructor'] }] })
  })

  it('refuses multiple streamed files at definition time', () => {
    // The types refuse it too; untyped code gets the TypeError.
    expect(() => file({ multiple: true } as never)).toThrow(TypeError)
  })

  // Parsing stops at the first streamed file, so a second one could only arrive after it, where
  // it is a 422: a record with two of them answered every upload with both files 422.
  it('refuses two streamed files in one record at definition time', () => {
    // A type error too; untyped code gets the TypeError.
    const fields = { front: file(), back: file({ optional: true, types: ['image/*'] }) }
    expect(() => multipart({ fields } as never)).toThrow(
      new TypeError(
        'multipart({ fields }) streams one file at most, as parsing stops there: give "back" memory: true',
      ),
    )
    expect(() =>
      multipart({ fields: { front: file(), back: file({ memory: true }) } }),
    ).not.toThrow()
  })
})

describe('multipart.stream', () => {
  it('answers a malformed start before the handler runs', async () => {
    const request = postOf('not multipart at all', CT)
    expect(await failureOf(multipart.stream().parse(request, contextOf(request)))).toMatchObject({
      status: 400,
      defect: 'truncated',
    })
  })
})
