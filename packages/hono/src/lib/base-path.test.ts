import { describe, expect, it } from 'vitest'
import { mountPrefix, rawPathOf } from './base-path.js'

describe('mountPrefix', () => {
  it.each([
    ['a static prefix', '/api/*', '/api/posts/1', '/api'],
    ['the prefix itself', '/api/*', '/api', '/api'],
    ['a nested prefix', '/v1/api/*', '/v1/api/x', '/v1/api'],
    ['a parameter, kept percent-encoded', '/t/:tenant/*', '/t/a%2Fb/posts', '/t/a%2Fb'],
    ['the root wildcard', '/*', '/posts/1', ''],
    ['a bare wildcard', '*', '/posts/1', ''],
    ['a route without a wildcard', '/posts/:id', '/posts/1', ''],
  ])('takes %s', (_name, route, path, prefix) => {
    expect(mountPrefix(route, path)).toBe(prefix)
  })
})

describe('rawPathOf', () => {
  it.each([
    ['http://x.test/a%20b?q=1', '/a%20b'],
    ['http://x.test/a#frag', '/a'],
    ['http://x.test', '/'],
    ['http://x.test/?q=/x', '/'],
  ])('reads the path of %s as sent', (url, path) => {
    expect(rawPathOf(url)).toBe(path)
  })
})
