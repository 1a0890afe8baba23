import { kind } from '@ferry/kind'
import { accepting, createRouter } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'

const Upload = kind('POST /upload')
// Answers what arrived: the Content-Type and, for a form, its fields as the server parses them.
const anyBody = { ...accepting(['*/*']), parse: async (r: Request) => r }
const app = createRouter().route(Upload, { body: anyBody }, async (c) => {
  const type = c.body.headers.get('content-type')
  const fields = type?.startsWith('multipart/form-data')
    ? Object.fromEntries(await c.body.formData())
    : await c.body.text()
  return { type, fields }
})

describe('request bodies and their Content-Type', () => {
  const withDefault = createClient({
    baseUrl: 'https://example.com',
    fetch: app.fetch,
    headers: { 'content-type': 'application/json' },
  })

  it('sends a FormData body as multipart with its boundary, over a default Content-Type', async () => {
    const form = new FormData()
    form.append('title', 'hello')
    const got: { type: string; fields: unknown } = await withDefault.json(
      Upload,
      {},
      { body: form },
    )
    expect(got.type).toMatch(/^multipart\/form-data; boundary=/)
    expect(got.fields).toEqual({ title: 'hello' })
  })

  it.each([
    ['URLSearchParams', new URLSearchParams({ a: '1' }), /^application\/x-www-form-urlencoded/],
    ['a typed Blob', new Blob(['a,b'], { type: 'text/csv' }), /^text\/csv$/],
  ])('labels %s with its own type over a default Content-Type', async (_, body, type) => {
    const got: { type: string } = await withDefault.json(Upload, {}, { body })
    expect(got.type).toMatch(type)
  })

  it('labels a json value application/json over a default Content-Type', async () => {
    const plain = createClient({
      baseUrl: 'https://example.com',
      fetch: app.fetch,
      headers: { 'content-type': 'text/plain' },
    })
    expect(await plain.json(Upload, {}, { json: { a: 1 } })).toEqual({
      type: 'application/json',
      fields: '{"a":1}',
    })
  })

  it('keeps the default for an untyped body, and a Content-Type given with the call over all', async () => {
    expect(await withDefault.json(Upload, {}, { body: '{"a":1}' })).toEqual({
      type: 'application/json',
      fields: '{"a":1}',
    })
    const patch = { 'content-type': 'application/merge-patch+json' }
    expect(await withDefault.json(Upload, {}, { json: { a: null }, headers: patch })).toEqual({
      type: 'application/merge-patch+json',
      fields: '{"a":null}',
    })
  })

  it.each([
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a value whose toJSON gives undefined', { toJSON: () => undefined }],
  ])('refuses a json value with no JSON text (%s) before any request', async (_, json) => {
    let sent = 0
    const c = createClient({
      baseUrl: 'https://example.com',
      fetch: async () => {
        sent++
        return new Response(null, { status: 204 })
      },
    })
    await expect(c.fetch(Upload, {}, { json })).rejects.toThrow(
      new TypeError(`json: ${typeof json} has no JSON text`),
    )
    expect(sent).toBe(0)
  })
})

describe('cancelling', () => {
  it('hands the call signal to the fetch, so aborting the caller aborts the request', async () => {
    const Wait = kind('GET /wait')
    const c = createClient({
      baseUrl: 'https://example.com',
      // Like the global fetch: settles when the request's signal aborts.
      fetch: (r) =>
        new Promise((_, reject) =>
          r.signal.addEventListener('abort', () => reject(r.signal.reason)),
        ),
    })
    const controller = new AbortController()
    const call = c.json(Wait, undefined, { signal: controller.signal })
    controller.abort(new Error('user left'))
    await expect(call).rejects.toThrow('user left')
  })
})
