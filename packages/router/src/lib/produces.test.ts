import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { produces } from './produces.js'
import { createRouter } from './router.js'

describe('produces', () => {
  const csv = produces('text/csv', 'application/json')

  it.each([
    [null, true],
    ['', true],
    ['text/csv', true],
    ['text/*;q=0.5', true],
    ['application/json, text/csv;q=0', true],
    ['text/html', false],
    ['*/*;q=0', false],
    ['text/*;q=0, application/*;q=0', false],
    // A weight outside RFC 9110 §12.4.2's qvalue makes the range malformed, so it is ignored: an
    // empty or negative one is no refusal.
    ['text/csv;q=', true],
    ['text/csv;q=-1, application/json;q=-1', true],
    ['*/*;q=0x0', true],
    ['text/csv;q=0.000', false],
  ])('Accept %j acceptable: %s', (accept, ok) => {
    const headers: Record<string, string> = accept === null ? {} : { accept }
    expect(csv.check(new Request('http://x/', { headers })) === undefined).toBe(ok)
  })

  it('lists its types for the route inventory', () => {
    const app = createRouter().route(kind('GET /r'), { produces: csv }, () => 'x')
    expect(app.routes()[0]?.produces).toEqual(['text/csv', 'application/json'])
  })

  it.each([[[]], [['Text/CSV']], [['text/*']], [['csv']]])('throws a TypeError for %j', (types) => {
    // `[]` is a type error too; untyped code gets the throw.
    expect(() => produces(...(types as [string]))).toThrow(TypeError)
  })

  it('a plain array (the shape before decision 008) is refused by route()', () => {
    expect(() =>
      createRouter().route(kind('GET /r'), { produces: ['text/csv'] as never }, () => 'x'),
    ).toThrow('route GET /r: build produces with produces(...types)')
  })
})

describe('produces().check', () => {
  it('is the 406 naming the types when Accept refuses them all, else nothing', () => {
    const p = produces('text/csv')
    const ask = (accept: string) => p.check(new Request('http://x/', { headers: { accept } }))
    expect(ask('text/csv')).toBeUndefined()
    expect(ask('text/html')).toMatchObject({
      status: 406,
      fields: { detail: 'this resource is available as text/csv', produces: ['text/csv'] },
    })
  })
})
