import { describe, expect, it } from 'vitest'
import { form } from './form.js'
import { json } from './json.js'
import { file } from './multipart-fields.js'
import { multipart } from './multipart.js'
import { bytes, text } from './text.js'

// `Number(process.env.MAX_UPLOAD)` with the variable unset: NaN compares false with every size,
// so taken as it is it would turn the limit off.
const unset = Number(undefined)

describe('limits set in options', () => {
  it.each([
    ['json limit', unset, (n: number) => json({ limit: n })],
    ['json depth', unset, (n: number) => json({ depth: n })],
    ['form limit', unset, (n: number) => form({ limit: n })],
    ['form fields', -1, (n: number) => form({ fields: n })],
    ['text limit', unset, (n: number) => text({ limit: n })],
    ['bytes limit', -1, (n: number) => bytes({ limit: n })],
    ['file maxSize', unset, (n: number) => file({ maxSize: n })],
    ['multipart limit fileSize', unset, (n: number) => multipart.stream({ fileSize: n })],
  ])('refuses a %s of %d when the spec is made', (what, value, make) => {
    expect(() => make(value)).toThrow(new RangeError(`${what} must be a number >= 0, got ${value}`))
    expect(() => make(0)).not.toThrow()
  })
})
