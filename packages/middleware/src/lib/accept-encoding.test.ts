import { describe, expect, it } from 'vitest'
import { negotiateEncoding } from './accept-encoding'

describe('negotiateEncoding', () => {
  it.each([
    ['no field', null, undefined, true],
    ['empty field', '', undefined, true],
    ['gzip', 'gzip', 'gzip', true],
    ['server order breaks ties', 'deflate, gzip', 'gzip', true],
    ['q-values decide', 'gzip;q=0.5, deflate', 'deflate', true],
    ['gzip;q=0 refuses gzip', 'gzip;q=0', undefined, true],
    ['gzip;q=0 with a wildcard', 'gzip;q=0, *', 'deflate', true],
    ['identity;q=0', 'gzip, identity;q=0', 'gzip', false],
    ['*;q=0 without identity', 'deflate, *;q=0', 'deflate', false],
    ['*;q=0 with identity', '*;q=0, identity', undefined, true],
    ['x-gzip alias', 'x-gzip', 'gzip', true],
    ['unknown codings only', 'br, zstd', undefined, true],
    ['malformed q is ignored', 'gzip;q=2, deflate;q=abc', undefined, true],
    ['upper case', 'GZIP;Q=0.8', 'gzip', true],
  ])('%s', (_n, value, encoding, identityAcceptable) => {
    expect(negotiateEncoding(value, ['gzip', 'deflate'])).toEqual({ encoding, identityAcceptable })
  })
})
