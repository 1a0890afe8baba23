import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { contextOf, failureOf, latin1, postOf, streamOf, utf8 } from '../../test/helpers.js'
import { form } from './form.js'
import { bytes, text } from './text.js'

const run = <T>(
  spec: { parse(r: Request, c: any): Promise<T> },
  body: Uint8Array | null,
  type?: string,
) => {
  const request = postOf(body === null ? null : streamOf([body]), type)
  return spec.parse(request, contextOf(request))
}

describe('text', () => {
  it('decodes by charset, UTF-8 by default, dropping a BOM', async () => {
    expect(text().accepts).toEqual(['text/*'])
    expect(await run(text(), utf8('\ufeffolá'), 'text/plain')).toBe('olá')
    expect(await run(text(), latin1('caf\xe9'), 'text/plain; charset=iso-8859-1')).toBe('café')
  })

  it('answers 415 for an unknown charset before reading, cancelling the body', async () => {
    // As json() and form() refuse a charset: a client's megabyte is not read only to be refused.
    const stats: { pulls: number; cancelled?: unknown } = { pulls: 0 }
    const request = postOf(streamOf([utf8('x')], stats), 'text/plain; charset=klingon')
    expect(await failureOf(text().parse(request, contextOf(request)))).toMatchObject({
      status: 415,
      charset: 'klingon',
    })
    expect(stats).toMatchObject({ pulls: 0, cancelled: expect.objectContaining({ status: 415 }) })
  })

  it('answers 400 for invalid bytes, 415 for an unknown charset, 413 over the limit', async () => {
    expect(await failureOf(run(text(), new Uint8Array([0xff]), 'text/plain'))).toMatchObject({
      status: 400,
      defect: 'encoding',
    })
    expect(await failureOf(run(text(), utf8('x'), 'text/plain; charset=klingon'))).toMatchObject({
      status: 415,
    })
    expect(await failureOf(run(text({ limit: 3 }), utf8('abcd'), 'text/plain'))).toMatchObject({
      status: 413,
      limit: 'bodySize',
      max: 3,
    })
  })
})

describe('bytes', () => {
  it('gives the raw bytes of any type, and an empty array for no body', async () => {
    expect(bytes().accepts).toEqual(['*/*'])
    expect(await run(bytes(), new Uint8Array([0, 1, 255]), 'application/octet-stream')).toEqual(
      new Uint8Array([0, 1, 255]),
    )
    expect(await run(bytes(), null)).toEqual(new Uint8Array(0))
    expect(await failureOf(run(bytes({ limit: 2 }), new Uint8Array(3)))).toMatchObject({
      status: 413,
    })
  })
})

describe('form', () => {
  const T = 'application/x-www-form-urlencoded'
  it('decodes a record, repeated names as arrays, without a prototype', async () => {
    const record = await run(form(), utf8('a=1&b=x+y&a=2&c=%E2%82%AC'), T)
    expect(Object.entries(record)).toEqual([
      ['a', ['1', '2']],
      ['b', 'x y'],
      ['c', '€'],
    ])
    expect(Object.getPrototypeOf(record)).toBeNull()
  })

  it.each(['__proto__=p', 'a=1&__proto__=p&__proto__=q', '%5F_proto__=p', '__proto%5F_=p'])(
    'answers 400 proto for a field named __proto__ (%s), as json() does for the key',
    async (body) => {
      // The record has no prototype, but `Object.assign(target, record)` or a merge would set the
      // target's prototype from it: the same hazard as a JSON `__proto__` key.
      expect(await failureOf(run(form(), utf8(body), T))).toMatchObject({
        status: 400,
        defect: 'proto',
      })
    },
  )

  it('validates with a schema (422) and limits the size (413)', async () => {
    const spec = form(v.object({ age: v.pipe(v.string(), v.transform(Number), v.number()) }))
    expect(await run(spec, utf8('age=42'), T)).toEqual({ age: 42 })
    expect(await failureOf(run(spec, utf8('x=1'), T))).toMatchObject({
      status: 422,
      issues: [{ path: ['age'] }],
    })
    expect(await failureOf(run(form({ limit: 3 }), utf8('a=1234'), T))).toMatchObject({
      status: 413,
    })
  })

  it('limits the pairs (413 fields) at and one over, empty sequences not counted', async () => {
    expect(await run(form({ fields: 3 }), utf8('&a=1&&b&c=&'), T)).toEqual({ a: '1', b: '', c: '' })
    expect(await failureOf(run(form({ fields: 2 }), utf8('&a=1&&b&c=&'), T))).toMatchObject({
      status: 413,
      limit: 'fields',
      max: 2,
    })
    // The default: 1,000 pairs, as many as a large real form has; a flood of them is refused.
    const pairs = (n: number) => utf8(Array.from({ length: n }, (_, i) => `k${i}=v`).join('&'))
    expect(Object.keys(await run(form(), pairs(1000), T))).toHaveLength(1000)
    expect(await failureOf(run(form(), pairs(1001), T))).toMatchObject({
      status: 413,
      limit: 'fields',
      max: 1000,
    })
  })

  it('answers 400 encoding for escapes that are not UTF-8, and keeps a real U+FFFD', async () => {
    // What a Latin-1 page posts for "Jörg": the value must not become "J\uFFFDrg".
    for (const body of ['name=J%F6rg', 'a=1&%C3=x', 'a=%E2%82', 'a=%C3&b=%A9']) {
      expect(await failureOf(run(form(), utf8(body), T))).toMatchObject({
        status: 400,
        defect: 'encoding',
      })
    }
    const record = await run(form(), utf8('a=%EF%BF%BD&b=\uFFFD&c=%zz&d=%'), T)
    expect(record).toEqual({ a: '\uFFFD', b: '\uFFFD', c: '%zz', d: '%' })
  })

  it('answers 415 for a declared charset other than UTF-8', async () => {
    expect(await run(form(), utf8('a=%C3%A9'), `${T}; charset=UTF-8`)).toEqual({ a: 'é' })
    // In ISO-8859-1 these escapes are "Ã©", which the record must not give as "é".
    const latin = `${T}; charset=iso-8859-1`
    expect(await failureOf(run(form(), utf8('a=%C3%A9'), latin))).toMatchObject({
      status: 415,
      charset: 'iso-8859-1',
    })
  })
})
