// The body specs mounted on real @ferry/router routes: problems come back as problem+json, the
// handler is not called on a bad body, and the request stream is cancelled.
import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { field, file, form, json, multipart } from '../src/index.js'
import { formBody, streamOf } from './helpers.js'

const Upload = kind('POST /upload')
const Parts = kind('POST /parts')
const Note = kind('POST /notes')

function appWith(calls: string[]) {
  return createRouter()
    .route(
      Upload,
      {
        body: multipart({
          fields: {
            title: field(v.pipe(v.string(), v.maxLength(20))),
            photo: file({ maxSize: 1000 }),
          },
        }),
      },
      async (c) => {
        calls.push('upload')
        const size = (await c.body.photo.bytes()).byteLength
        return { title: c.body.title, filename: c.body.photo.filename, size }
      },
    )
    .route(Parts, { body: multipart.stream({ parts: 10 }) }, async (c) => {
      calls.push('parts')
      const names: string[] = []
      for await (const part of c.body) names.push(part.name)
      return { names }
    })
    .route(Note, { body: json(v.object({ text: v.string() })) }, (c) => {
      calls.push('note')
      return { text: c.body.text }
    })
}

const CT = 'multipart/form-data; boundary=XyZ'

describe('body specs on the router', () => {
  it('hands the handler a typed record with a streamed file', async () => {
    const calls: string[] = []
    const body = formBody('XyZ', [
      { name: 'title', content: 'Hi' },
      { name: 'photo', filename: 'p.png', type: 'image/png', content: 'x'.repeat(500) },
    ])
    const res = await appWith(calls).request('/upload', {
      method: 'POST',
      body,
      headers: { 'content-type': CT },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ title: 'Hi', filename: 'p.png', size: 500 })
  })

  it('answers 413 problem+json naming the limit, without the handler, cancelling the body', async () => {
    const calls: string[] = []
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const body = formBody('XyZ', [
      { name: 'title', content: 'Hi' },
      { name: 'photo', filename: 'p.png', content: 'x'.repeat(100_000) },
    ])
    const chunks = Array.from({ length: Math.ceil(body.length / 1000) }, (_, i) =>
      body.slice(i * 1000, i * 1000 + 1000),
    )
    const res = await appWith(calls).request('/upload', {
      method: 'POST',
      body: streamOf(chunks, stats),
      headers: { 'content-type': CT },
      duplex: 'half',
    } as RequestInit)
    // The streamed file is the last part: parsing stops there and the limit trips in the handler.
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(await res.json()).toMatchObject({
      status: 413,
      limit: 'fileSize',
      field: 'photo',
      max: 1000,
    })
    expect(stats.cancelled).toBeDefined()
    expect(stats.pulls).toBeLessThan(10)
  })

  it.each([
    ['a wrong Content-Type', 'text/plain', 'x', 415],
    ['a malformed body', CT, 'garbage', 400],
    ['a schema failure', CT, formBody('XyZ', [{ name: 'title', content: 'x'.repeat(30) }]), 422],
  ])(
    'answers %s with its status (415, 400, 422) and never calls the handler',
    async (_, type, body, status) => {
      const calls: string[] = []
      const res = await appWith(calls).request('/upload', {
        method: 'POST',
        body,
        headers: { 'content-type': type },
      })
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(calls).toEqual([])
    },
  )

  it('streams parts to a multipart.stream handler, and answers its limits', async () => {
    const calls: string[] = []
    const app = appWith(calls)
    const parts = (n: number) =>
      formBody(
        'XyZ',
        Array.from({ length: n }, (_, i) => ({ name: `p${i}`, content: 'v' })),
      )
    const ok = await app.request('/parts', {
      method: 'POST',
      body: parts(3),
      headers: { 'content-type': CT },
    })
    expect(await ok.json()).toEqual({ names: ['p0', 'p1', 'p2'] })
    const over = await app.request('/parts', {
      method: 'POST',
      body: parts(11),
      headers: { 'content-type': CT },
    })
    expect(over.status).toBe(413)
    expect(await over.json()).toMatchObject({ limit: 'parts', max: 10 })
  })

  it('answers JSON problems: 400 malformed, 422 with issues', async () => {
    const app = appWith([])
    const send = (body: string) =>
      app.request('/notes', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      })
    expect((await send('{"text":"hi"}')).status).toBe(200)
    const bad = await send('{"text":')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ defect: 'json', step: 'body' })
    const invalid = await send('{"text":1}')
    expect(invalid.status).toBe(422)
    expect(await invalid.json()).toMatchObject({ issues: [{ path: ['text'] }] })
  })

  it('reads a body a server framed (framedBodies) in one call, and still answers its limit', async () => {
    const calls: string[] = []
    const app = appWith(calls)
    const ctx = { waitUntil() {}, framedBodies: true }
    const post = (body: string) =>
      new Request('http://ferry.test/notes', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      })
    const ok = await app.fetch(post('{"text":"hi"}'), undefined, ctx)
    expect(await ok.json()).toEqual({ text: 'hi' })
    const proto = await app.fetch(post('{"text":"hi","__proto__":{"x":1}}'), undefined, ctx)
    expect(proto.status).toBe(400)
    expect(await proto.json()).toMatchObject({ defect: 'proto' })
    const big = await app.fetch(post(`{"text":"${'x'.repeat(1024 * 1024)}"}`), undefined, ctx)
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ limit: 'bodySize', max: 1024 * 1024 })
    expect(calls).toEqual(['note'])
  })
})

// DESIGN writes `json(schema?, { limit })`: from JavaScript, or with a schema that may be absent,
// `json(undefined, { limit: 10 })` is how that reads. Its options were dropped (limit 1 MiB).
describe('a spec given no schema and then options', () => {
  const app = createRouter()
    .route(kind('POST /json'), { body: json(undefined, { limit: 10 }) }, () => 'read')
    .route(kind('POST /form'), { body: form(undefined, { limit: 10 }) }, () => 'read')
    .route(
      kind('POST /field'),
      { body: multipart({ fields: { tag: field(undefined, { multiple: true }) } }) },
      (c) => c.body,
    )
  const post = (path: string, type: string, body: BodyInit) =>
    app.request(path, { method: 'POST', body, headers: { 'content-type': type } })

  it.each([
    ['json', '/json', 'application/json', JSON.stringify({ text: 'x'.repeat(20) })],
    ['form', '/form', 'application/x-www-form-urlencoded', `text=${'x'.repeat(20)}`],
  ])('%s keeps its limit', async (_, path, type, body) => {
    const res = await post(path, type, body)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ limit: 'bodySize', max: 10 })
  })

  it('field keeps multiple', async () => {
    const body = formBody('XyZ', [
      { name: 'tag', content: 'a' },
      { name: 'tag', content: 'b' },
    ])
    const res = await post('/field', CT, body)
    expect(await res.json()).toEqual({ tag: ['a', 'b'] })
  })
})
