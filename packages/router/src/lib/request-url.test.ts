import { describe, expect, it } from 'vitest'
import {
  badRequest,
  isValidHost,
  requestDefect,
  requestUrlDefect,
  resolveTarget,
} from './request-url.js'

describe('isValidHost', () => {
  it.each(['localhost', 'api-1.example.com:3000', 'my_service', '[::1]:8080', '10.0.0.1', 'a.b~c'])(
    'accepts %s',
    (host) => expect(isValidHost(host)).toBe(true),
  )
  it.each(['', 'a/b', 'a?b', 'a#b', 'user@evil', 'a b', 'a:port', 'a:123456', '[::1'])(
    'refuses %j',
    (host) => expect(isValidHost(host)).toBe(false),
  )
  // RFC 3986 §3.2.2-3.2.3: case, a trailing dot, IDNA A-labels and an empty port are all valid.
  it.each(['EXAMPLE.com.', 'xn--bcher-kva.example', '[::1]:0', 'a:65535', 'example.com:'])(
    'accepts %s too',
    (host) => expect(isValidHost(host)).toBe(true),
  )
  // Hosts of the right characters that no URL can hold: a server builds request.url from them, and
  // the app's `new URL(c.request.url)` would throw (a 500 for the client's error).
  it.each(['a:65536', 'a:99999', '[1]', '[::1::2]', '999.1.1.1', 'example.1', 'xn--zz.example'])(
    'refuses %j, which makes no URL',
    (host) => expect(isValidHost(host)).toBe(false),
  )
})

describe('requestUrlDefect', () => {
  it.each(['http://localhost:3000/', 'https://example.com/a/b?c=d', 'http://[::1]:8080/x'])(
    'passes %s',
    (url) => expect(requestUrlDefect(url)).toBeUndefined(),
  )
  // What Deno builds from `Host: a?b` and the like, and what Bun hands over for a bad Host.
  it.each([
    'http://a?b/x/1',
    'http://a#b/x',
    'http://user@evil/x',
    'http://a b/x',
    '/x/1',
    'http://a',
    'http://a:99999/x',
    'http://999.1.1.1/x',
  ])('names the defect of %s', (url) => expect(requestUrlDefect(url)).toMatch(/no valid URL/))
})

describe('requestDefect', () => {
  // A stand-in for what a runtime hands over: its URL string is not normalised by a constructor.
  const request = (url: string, host?: string) =>
    ({ url, headers: new Headers(host === undefined ? {} : { host }) }) as Request

  it('passes a sound Host and URL, and a URL alone when there is no Host', () => {
    expect(requestDefect(request('http://example.com:8080/x', 'example.com:8080'))).toBeUndefined()
    expect(requestDefect(request('http://example.com/x'))).toBeUndefined()
  })
  it('names a Host that builds a sound-looking URL with another path', () => {
    // Deno and workerd build this from `Host: a/b` and target /posts/1.
    expect(requestDefect(request('http://a/b/posts/1', 'a/b'))).toMatch(/no valid URL/)
  })
  it('names a Host that no URL can hold', () => {
    expect(requestDefect(request('http://localhost/x', '[1]:80'))).toMatch(/no valid URL/)
  })
  it('names a bad URL even when the Host looks fine', () => {
    expect(requestDefect(request('/posts/1', 'example.com'))).toMatch(/no valid URL/)
  })
})

it('badRequest is a 400 problem that closes the connection', async () => {
  const res = badRequest('the Host header or the request target names no valid URL')
  expect(res.status).toBe(400)
  expect(res.statusText).toBe('Bad Request')
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(res.headers.get('connection')).toBe('close')
  expect(await res.json()).toEqual({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'the Host header or the request target names no valid URL',
  })
})

describe('resolveTarget', () => {
  // What Bun, workerd and `new Request` make of these targets (WHATWG URL parsing).
  it.each([
    ['/a/../b', '/b'],
    ['/a/%2e%2E/b?x=/../y', '/b?x=/../y'],
    ['/a/./b/.', '/a/b/'],
    ['/a/.%2E/b', '/b'],
    ['/..', '/'],
    ['/a\\..\\b', '/b'],
  ])('resolves %s to %s', (target, path) => {
    const url = resolveTarget(target)
    expect(url && url.pathname + url.search).toBe(path)
  })

  it('resolves an absolute URL, keeping its origin', () => {
    expect(resolveTarget('http://example.com:8080/a/%2e%2e/b?q')?.href).toBe(
      'http://example.com:8080/b?q',
    )
  })

  it.each(['/a/b', '/.well-known/x', '/a/..b/.c', '/a?next=/b', 'http://example.com/x.y'])(
    'leaves %s alone',
    (target) => expect(resolveTarget(target)).toBeUndefined(),
  )
})
