import { describe, expect, it } from 'vitest'
import { file } from './multipart-fields.js'

describe('file({ types })', () => {
  // A pattern no part type can match would answer every upload 415: refused when the spec is made.
  it.each([[['image/png; charset=x']], [['image']], [['image/png', '']], [[]]])(
    'refuses %j, which no upload could match',
    (types) => {
      expect(() => file({ types })).toThrow(
        new TypeError(
          `file({ types }) takes "type/subtype", "type/*", "*/*+suffix" or "*/*" patterns without parameters, got ${JSON.stringify(types)}`,
        ),
      )
    },
  )

  it('takes the patterns accepting() takes, in any case', () => {
    expect(file({ types: ['IMAGE/PNG', 'image/*', '*/*+json', '*/*'] }).types).toEqual([
      'image/png',
      'image/*',
      '*/*+json',
      '*/*',
    ])
    expect(file().types).toBeUndefined()
  })
})
