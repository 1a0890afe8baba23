import { describe, expect, it } from 'vitest'
import { leadingSegments, mountPrefix, rawPathOf } from './base-path.js'

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

  it.each([
    ['the host alone', '/x.test/*', '/posts/1', ''],
    ['the host and a prefix', '/x.test/api/*', '/api/posts/1', '/api'],
  ])('leaves out the leading segment of Hono routing by host: %s', (_name, route, path, prefix) => {
    expect(mountPrefix(route, path, 1)).toBe(prefix)
  })

  it.each([
    ['a prefixed route', '/api/*', '/proxy/api/posts/1', '/proxy/api'],
    ['the root wildcard', '/*', '/proxy/posts/1', '/proxy'],
    ['a bare wildcard', '*', '/proxy/posts/1', '/proxy'],
  ])('takes in a leading segment Hono routing dropped: %s', (_name, route, path, prefix) => {
    expect(mountPrefix(route, path, -1)).toBe(prefix)
  })
})

describe('leadingSegments', () => {
  it.each([
    ["Hono's default path", '/api/posts', '/api/posts', 0],
    ['a host in front', '/x.test/api/posts', '/api/posts', 1],
    ['a host in front of the root', '/x.test/', '/', 1],
    ['strict: false, no trailing slash', '/api/posts', '/api/posts/', 0],
    ['a proxy prefix dropped', '/api/posts', '/proxy/api/posts', -1],
    ['the root, not counted as a prefix dropped', '/', '/x/', 0],
    ['a path that is not the URL with something in front', '/other', '/api', 0],
  ])('counts %s', (_name, honoPath, urlPath, lead) => {
    expect(leadingSegments(honoPath, urlPath)).toBe(lead)
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
