// A body sent with a content coding (RFC 9110 §8.4) is refused by every reader, before a byte is
// read: no spec decodes one, and read as it is, gzip bytes would be taken for the content.
import { describe, expect, it } from 'vitest'
import { contextOf, formBody, postOf, streamOf, utf8 } from '../../test/helpers.js'
import { form } from './form.js'
import { json } from './json.js'
import { multipart } from './multipart.js'
import { field } from './multipart-fields.js'
import { parseMultipart } from './parse-multipart.js'
import { bytes, text } from './text.js'

const CT = 'multipart/form-data; boundary=XyZ'

interface Case {
  name: string
  type: string
  body: Uint8Array
  read: (request: Request, framed: boolean) => Promise<unknown>
}

const specCase = (
  name: string,
  type: string,
  body: string | Uint8Array,
  spec: { parse(r: Request, c: ReturnType<typeof contextOf>): Promise<unknown> },
): Case => ({
  name,
  type,
  body: typeof body === 'string' ? utf8(body) : body,
  read: (request, framed) => spec.parse(request, contextOf(request, undefined, framed)),
})

const cases: Case[] = [
  specCase('json()', 'application/json', '{"a":1}', json()),
  specCase('form()', 'application/x-www-form-urlencoded', 'a=1', form()),
  specCase('text()', 'text/plain', 'hello', text()),
  specCase('bytes()', 'application/octet-stream', 'hello', bytes()),
  specCase('multipart.stream()', CT, formBody('XyZ', [{ name: 'a', content: 'x' }]), {
    parse: async (r, c) => (await multipart.stream().parse(r, c)).next(),
  }),
  specCase(
    'multipart({ fields })',
    CT,
    formBody('XyZ', [{ name: 'a', content: 'x' }]),
    multipart({ fields: { a: field() } }),
  ),
  {
    name: 'parseMultipart()',
    type: CT,
    body: formBody('XyZ', [{ name: 'a', content: 'x' }]),
    read: async (request) => parseMultipart(request).next(),
  },
]

describe.each(cases)('$name', ({ type, body, read }) => {
  it.each([
    ['gzip', false],
    ['br', true],
    ['gzip, identity', false],
  ])('answers 415 to Content-Encoding: %s without reading (framed: %s)', async (coding, framed) => {
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const request = postOf(streamOf([body], stats), type, {
      'content-encoding': coding,
      'content-length': String(body.byteLength),
    })
    const failure = await read(request, framed).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(failure).toMatchObject({
      status: 415,
      fields: { coding, headers: { 'accept-encoding': 'identity' } },
    })
    expect(stats.pulls).toBe(0)
    expect(stats.cancelled).toBe(failure)
  })

  it('reads a body marked identity as any other', async () => {
    const request = postOf(streamOf([body]), type, { 'content-encoding': 'Identity' })
    await expect(read(request, false)).resolves.toBeDefined()
  })
})
