import { describe, expect, it } from 'vitest'
import { parseHeaderSection } from './header-section.js'

const bytes = (s: string) => new TextEncoder().encode(s)

describe('parseHeaderSection', () => {
  it('lower-cases names, trims values, joins repeats and decodes UTF-8', () => {
    const headers = parseHeaderSection(
      bytes('Content-Type:  text/plain \t\r\nX-A: 1\r\nx-a:2\r\nX-Name: Zürich\r\n\r\n'),
      1,
    )
    expect({ ...headers }).toEqual({
      'content-type': 'text/plain',
      'x-a': '1, 2',
      'x-name': 'Zürich',
    })
    // Nothing inherited: `headers.constructor` or `'toString' in headers` find no field.
    expect(headers.constructor).toBeUndefined()
    expect('toString' in headers).toBe(false)
  })

  it('keeps fields named after Object.prototype members as own fields, prototype untouched', () => {
    const headers = parseHeaderSection(
      bytes('__proto__: a\r\nConstructor: b\r\nconstructor: c\r\nhasOwnProperty: d\r\n\r\n'),
      1,
    )
    expect(Object.entries(headers)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b, c'],
      ['hasownproperty', 'd'],
    ])
    expect(Object.getPrototypeOf(Object.getPrototypeOf(headers))).toBeNull()
  })

  it('reads an empty section', () => {
    expect({ ...parseHeaderSection(bytes('\r\n'), 1) }).toEqual({})
  })

  it.each([
    ['a line without a colon', 'Content-Type text/plain\r\n\r\n'],
    ['an empty name', ': x\r\n\r\n'],
    ['a space before the colon', 'Content-Type : x\r\n\r\n'],
    ['obsolete line folding', 'X-A: 1\r\n  continued\r\n\r\n'],
    ['a NUL in a value', 'X-A: a\u0000b\r\n\r\n'],
    ['a bare LF in a value', 'X-A: a\nb\r\n\r\n'],
  ])('rejects %s with 400 header', (_, section) => {
    expect(() => parseHeaderSection(bytes(section), 3)).toThrow(
      expect.objectContaining({
        status: 400,
        fields: expect.objectContaining({ defect: 'header' }),
      }),
    )
  })

  it('folds the case of any name, and keeps near misses of the common ones apart', () => {
    const headers = parseHeaderSection(
      bytes('CONTENT-TYPE: a\r\ncontent-typf: b\r\nContent_Type: c\r\nX-U: d\r\n\r\n'),
      1,
    )
    expect({ ...headers }).toEqual({
      'content-type': 'a',
      'content-typf': 'b',
      content_type: 'c',
      'x-u': 'd',
    })
  })

  it('answers 413 headerPairs past maxPairs field lines', () => {
    const section = bytes('A: 1\r\nB: 2\r\nC: 3\r\n\r\n')
    expect(Object.keys(parseHeaderSection(section, 1, 3))).toEqual(['a', 'b', 'c'])
    expect(() => parseHeaderSection(section, 1, 2)).toThrow(
      expect.objectContaining({
        status: 413,
        fields: expect.objectContaining({ limit: 'headerPairs', max: 2 }),
      }),
    )
  })
})
