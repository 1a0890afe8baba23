import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { accepting } from './accepting.js'
import { createRouter } from './router.js'

describe('accepting', () => {
  const json = accepting(['application/json', '*/*+json'])

  it.each([
    ['application/json', 'application/json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['application/problem+json', 'application/problem+json'],
  ])('accepts %s as %s', (header, essence) => {
    expect(json.contentType(header)?.essence).toBe(essence)
  })

  it.each([['text/plain'], ['json'], [''], [null]])('refuses %s', (header) => {
    expect(json.contentType(header)).toBeUndefined()
  })

  it('hands over the parameters, names lower-cased and quotes removed', () => {
    expect(accepting(['text/*']).contentType('text/plain; Charset="utf-8"')?.params).toEqual({
      charset: 'utf-8',
    })
  })

  it('takes a missing Content-Type only under */*, as the empty media type', () => {
    expect(accepting(['*/*']).contentType(null)).toEqual({ essence: '', params: {} })
    expect(accepting(['*/*']).contentType('image/png')?.essence).toBe('image/png')
    expect(accepting(['text/*']).contentType(null)).toBeUndefined()
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

  it('a route whose body spec has no contentType check is refused when the router compiles', async () => {
    const spec = { accepts: ['text/plain'], parse: async () => 'x' }
    const app = createRouter().route(kind('POST /a'), { body: spec as never }, () => 'ok')
    expect(() => app.routes()).toThrow(/accepting\(types\)/)
  })
})
