import { describe, expect, it } from 'vitest'
import { parseRange } from './range'

describe('parseRange', () => {
  it.each([
    ['bytes=0-4', { kind: 'range', range: { start: 0, end: 4 } }],
    ['bytes=5-', { kind: 'range', range: { start: 5, end: 9 } }],
    ['bytes=-3', { kind: 'range', range: { start: 7, end: 9 } }],
    ['bytes=-30', { kind: 'range', range: { start: 0, end: 9 } }],
    ['bytes=2-100', { kind: 'range', range: { start: 2, end: 9 } }],
    ['BYTES = 1-1', { kind: 'range', range: { start: 1, end: 1 } }],
    ['bytes=10-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-2', { kind: 'none' }],
    ['bytes=0-1,3-4', { kind: 'none' }],
    ['items=0-1', { kind: 'none' }],
    ['bytes=a-b', { kind: 'none' }],
    ['bytes=-', { kind: 'none' }],
    ['bytes=99999999999999999999-', { kind: 'none' }],
    // RFC 9110 §5.6.1.2: a recipient MUST accept empty list elements; one range is left.
    ['bytes=0-4,', { kind: 'range', range: { start: 0, end: 4 } }],
    ['bytes= , -3', { kind: 'range', range: { start: 7, end: 9 } }],
    ['bytes=,', { kind: 'none' }],
    ['bytes=', { kind: 'none' }],
    ['bytes=0-1, ,3-4', { kind: 'none' }],
  ])('%s of 10 bytes', (value, expected) => {
    expect(parseRange(value, 10)).toEqual(expected)
  })
  it('has nothing to offer for an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
  })
})
