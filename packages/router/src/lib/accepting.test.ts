import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { accepting } from './accepting.js'
import { HttpError } from './http-error.js'
import { createRouter } from './router.js'

// A POST carrying `type` as its Content-Type (none for `null`).
const post = (type: string | null) =>
  new Request('http://x/', {
    method: 'POST',
    headers: type === null ? {} : { 'content-type': type },
  })

describe('accepting', () => {
  const json = accepting(['application/json', '*/*+json'])

  it.each([
    ['application/json', 'application/json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['application/problem+json', 'application/problem+json'],
  ])('accepts %s as %s', (header, essence) => {
    expect(json.contentType(post(header))).toMatchObject({ essence })
  })

  it.each([['text/plain'], ['json'], [null]])(
    'refuses %s with a 415 naming what fits',
    (header) => {
      const out = json.contentType(post(header))
      expect(out).toBeInstanceOf(HttpError)
      expect(out).toMatchObject({
        status: 415,
        fields: {
          accepts: ['application/json', '*/*+json'],
          headers: { 'accept-post': 'application/json, */*+json' },
        },
      })
    },
  )

  it.each([
    ['text/plain', 'Content-Type "text/plain" is not accepted here'],
    [null, 'the request has no Content-Type'],
    // RFC 6838 §4.3: a parameter named twice is an error, not a type this spec refuses.
    [
      'application/json; charset=utf-8; charset=latin1',
      'Content-Type "application/json; charset=utf-8; charset=latin1" is not a valid media type',
    ],
    ['application', 'Content-Type "application" is not a valid media type'],
  ])('says in the detail why %s is refused', (header, detail) => {
    expect(json.contentType(post(header))).toMatchObject({ fields: { detail } })
  })

  it('names Accept-Patch for a PATCH', () => {
    const req = new Request('http://x/', { method: 'PATCH', headers: { 'content-type': 'a/b' } })
    expect(json.contentType(req)).toMatchObject({
      fields: { headers: { 'accept-patch': 'application/json, */*+json' } },
    })
  })

  it('hands over the parameters, names lower-cased and quotes removed', () => {
    expect(accepting(['text/*']).contentType(post('text/plain; Charset="utf-8"'))).toMatchObject({
      params: { charset: 'utf-8' },
    })
  })

  it('takes a missing Content-Type only under */*, as the empty media type', () => {
    expect(accepting(['*/*']).contentType(post(null))).toEqual({ essence: '', params: {} })
    expect(accepting(['*/*']).contentType(post('image/png'))).toMatchObject({
      essence: 'image/png',
    })
    expect(accepting(['text/*']).contentType(post(null))).toBeInstanceOf(HttpError)
  })

  it.each([
    [[]],
    [['Application/JSON']],
    [['json']],
    [['*/json']],
    [['text/plain; charset=utf-8']],
  ])('throws a TypeError for %j', (types) => {
    expect(() => accepting(types)).toThrow(TypeError)
  })

  it('a route whose body spec has no contentType check is refused by route()', () => {
    const spec = { accepts: ['text/plain'], parse: async () => 'x' }
    expect(() =>
      createRouter().route(kind('POST /a'), { body: spec as never }, () => 'ok'),
    ).toThrow(
      'route POST /a: the body spec has no contentType check; build it with accepting(types)',
    )
  })
})
