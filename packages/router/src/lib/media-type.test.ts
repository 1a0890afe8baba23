import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { accepting } from './accepting.js'
import { parseMediaType } from './media-type.js'
import { createRouter } from './router.js'

describe('parseMediaType', () => {
  it.each([
    ['a bare type', 'text/plain', 'text/plain', {}],
    ['upper-case names', 'Text/HTML; Charset=utf-8', 'text/html', { charset: 'utf-8' }],
    [
      'a quoted value',
      'multipart/form-data; boundary="a;b"',
      'multipart/form-data',
      { boundary: 'a;b' },
    ],
  ])('reads %s', (_n, value, essence, params) => {
    expect(parseMediaType(value)).toEqual({ essence, params })
  })

  // RFC 6838 §4.3: "It is an error for a specific parameter to be specified more than once." A
  // proxy that read the other boundary would split the body into different parts.
  it.each([
    ['a repeated boundary', 'multipart/form-data; boundary=a; boundary=b'],
    ['a repeat in another case', 'multipart/form-data; boundary=a; BOUNDARY=a'],
    ['a repeated charset', 'text/plain; charset=utf-8; charset=latin1'],
  ])('refuses %s as malformed', (_n, value) => {
    expect(parseMediaType(value)).toBeUndefined()
  })

  it('makes a body spec answer 415 for a Content-Type with a repeated parameter', async () => {
    const spec = { ...accepting(['multipart/form-data']), parse: async () => 'parsed' }
    const app = createRouter().route(kind('POST /upload'), { body: spec }, (c) => c.body)
    const post = (type: string) =>
      app.request('/upload', { method: 'POST', headers: { 'content-type': type }, body: 'x' })
    expect((await post('multipart/form-data; boundary=a')).status).toBe(200)
    expect((await post('multipart/form-data; boundary=a; boundary=b')).status).toBe(415)
  })
})
