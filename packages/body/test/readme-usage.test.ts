// The README's usage example, compiled and run (with stand-ins for saveTo and store).
import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import * as v from 'valibot'
import { expect, it } from 'vitest'
import { field, file, json, multipart, parseMultipart } from '../src/index.js'
import { formBody } from './helpers.js'

const saved: string[] = []
async function saveTo(path: string, body: ReadableStream<Uint8Array>) {
  saved.push(`${path}:${(await new Response(body).arrayBuffer()).byteLength}`)
}
const store = saveTo

const CreatePost = kind('POST /posts')
const Upload = kind('POST /photos')
const Import = kind('POST /imports')

const app = createRouter()
  .route(CreatePost, { body: json(v.object({ title: v.string() }), { limit: 64 * 1024 }) }, (c) =>
    c.json({ created: c.body.title }, { status: 201 }),
  )
  .route(
    Upload,
    {
      body: multipart({
        fields: {
          title: field(v.pipe(v.string(), v.maxLength(100))),
          photo: file({ maxSize: 20 * 1024 * 1024, types: ['image/png', 'image/jpeg'] }),
        },
      }),
    },
    async (c) => {
      await saveTo(`/photos/${c.body.photo.filename}`, c.body.photo.body)
      return { title: c.body.title }
    },
  )
  .route(
    Import,
    { body: multipart.stream({ fileSize: 1024 ** 3, bodySize: 1024 ** 3 }) },
    async (c) => {
      const fields: string[] = []
      for await (const part of c.body) {
        if (part.filename === undefined) fields.push(`${part.name}=${await part.text()}`)
        else await store(part.filename, part.body)
      }
      return { ok: true, fields }
    },
  )

const CT = 'multipart/form-data; boundary=XyZ'

it('runs the README example', async () => {
  const post = await app.request('/posts', {
    method: 'POST',
    body: '{"title":"Hello"}',
    headers: { 'content-type': 'application/json' },
  })
  expect(post.status).toBe(201)
  expect(await post.json()).toEqual({ created: 'Hello' })

  const photo = await app.request('/photos', {
    method: 'POST',
    body: formBody('XyZ', [
      { name: 'title', content: 'Sea' },
      { name: 'photo', filename: 'sea.png', type: 'image/png', content: 'x'.repeat(300) },
    ]),
    headers: { 'content-type': CT },
  })
  expect(await photo.json()).toEqual({ title: 'Sea' })
  expect(saved).toContain('/photos/sea.png:300')

  const imported = await app.request('/imports', {
    method: 'POST',
    body: formBody('XyZ', [
      { name: 'note', content: 'n' },
      { name: 'data', filename: 'data.csv', type: 'text/csv', content: 'a,b' },
    ]),
    headers: { 'content-type': CT },
  })
  expect(await imported.json()).toEqual({ ok: true, fields: ['note=n'] })
  expect(saved).toContain('data.csv:3')

  const request = new Request('http://x/', {
    method: 'POST',
    body: formBody('XyZ', [{ name: 'a', filename: 'a.bin', content: 'abc' }]),
    headers: { 'content-type': CT },
  })
  const sizes: number[] = []
  for await (const part of parseMultipart(request, { fileSize: 100 * 1024 * 1024 })) {
    sizes.push((await part.bytes()).byteLength)
  }
  expect(sizes).toEqual([3])
})
