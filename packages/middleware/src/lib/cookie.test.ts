import { describe, expect, it } from 'vitest'
import { CookieError } from './cookie-error'
import { parseCookies } from './cookie-parse'
import { serializeCookie } from './cookie-serialize'

describe('parseCookies', () => {
  it('reads pairs, unquotes, decodes and keeps the first of duplicates', () => {
    const jar = parseCookies('a=1; b="two"; c=%E2%9C%93; a=shadow; d=%zz; =x; junk; e=')
    expect(Object.fromEntries(jar)).toEqual({ a: '1', b: 'two', c: '✓', d: '%zz', e: '' })
  })
  it('cannot be steered by CRLF or ; inside a value', () => {
    const jar = parseCookies('sid=abc\r\nSet-Cookie: x=1; admin=true')
    expect(jar.get('sid')).toBe('abc\r\nSet-Cookie: x=1')
    expect(jar.get('admin')).toBe('true')
    expect(parseCookies(null).size).toBe(0)
  })
})

describe('serializeCookie', () => {
  it('applies safe defaults', () => {
    expect(serializeCookie('sid', 'a b;c')).toBe(
      'sid=a%20b%3Bc; Path=/; Secure; HttpOnly; SameSite=Lax',
    )
  })
  it('writes every attribute', () => {
    const out = serializeCookie('id', 'v', {
      domain: 'a.example',
      path: '/app',
      expires: new Date(Date.UTC(2030, 0, 1)),
      maxAge: 60,
      sameSite: 'None',
      partitioned: true,
    })
    expect(out).toBe(
      'id=v; Domain=a.example; Path=/app; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Max-Age=60; Secure; HttpOnly; SameSite=None; Partitioned',
    )
  })
  it.each([
    ['a name with ;', () => serializeCookie('a;b', 'v')],
    ['a name with CRLF', () => serializeCookie('a\r\nb', 'v')],
    ['an empty name', () => serializeCookie('', 'v')],
    ['a raw value with ;', () => serializeCookie('a', 'x; Domain=evil', { encode: (s) => s })],
    [
      'a raw value with CRLF',
      () => serializeCookie('a', 'x\r\nSet-Cookie: y=1', { encode: (s) => s }),
    ],
    ['a path with ;', () => serializeCookie('a', 'v', { path: '/; Domain=evil' })],
    ['a path with CR', () => serializeCookie('a', 'v', { path: '/\r' })],
    ['a relative path', () => serializeCookie('a', 'v', { path: 'app' })],
    ['a domain with ;', () => serializeCookie('a', 'v', { domain: 'a.example; Secure' })],
    ['a domain with a space', () => serializeCookie('a', 'v', { domain: 'a .example' })],
    ['a fractional maxAge', () => serializeCookie('a', 'v', { maxAge: 1.5 })],
    // Written as `Max-Age=1e+21`, which is not 1*DIGIT: browsers drop the attribute and keep the
    // cookie only for the session.
    ['a maxAge too large for digits', () => serializeCookie('a', 'v', { maxAge: 1e21 })],
    ['Number.MAX_VALUE as maxAge', () => serializeCookie('a', 'v', { maxAge: Number.MAX_VALUE })],
    ['an invalid date', () => serializeCookie('a', 'v', { expires: new Date('x') })],
    // RFC 6265 §5.1.1: a cookie-date has a year of 2 to 4 digits and from 1601 on; browsers
    // ignore any other Expires and keep the cookie for the session only.
    ['an expiry after year 9999', () => serializeCookie('a', 'v', { expires: new Date(8.64e15) })],
    ['an expiry before 1601', () => serializeCookie('a', 'v', { expires: new Date(-1.2e13) })],
    [
      'SameSite=None without Secure',
      () => serializeCookie('a', 'v', { sameSite: 'None', secure: false }),
    ],
    [
      'Partitioned without Secure',
      () => serializeCookie('a', 'v', { partitioned: true, secure: false }),
    ],
    ['__Secure- without Secure', () => serializeCookie('__Secure-a', 'v', { secure: false })],
    ['__host- without Secure', () => serializeCookie('__host-a', 'v', { secure: false })],
    ['__Host- with a Domain', () => serializeCookie('__Host-a', 'v', { domain: 'a.example' })],
    ['__Host- with a Path', () => serializeCookie('__Host-a', 'v', { path: '/app' })],
    ['a bad SameSite', () => serializeCookie('a', 'v', { sameSite: 'Loose' as 'Lax' })],
    // RFC 6265bis §5.6: browsers drop a cookie whose name and value exceed 4096 bytes, and ignore
    // a Path or Domain over 1024 bytes: the cookie would silently not be set, or not where meant.
    ['a name and value over 4096 bytes', () => serializeCookie('s', 'x'.repeat(4096))],
    [
      'a value that grows past 4096 bytes when encoded',
      () => serializeCookie('s', 'é'.repeat(700)),
    ],
    ['a path over 1024 bytes', () => serializeCookie('a', 'v', { path: `/${'p'.repeat(1024)}` })],
    [
      'a domain over 1024 bytes',
      () => serializeCookie('a', 'v', { domain: `${'a.'.repeat(512)}example` }),
    ],
  ])('refuses %s with CookieError', (_n, fn) => {
    expect(fn).toThrow(CookieError)
  })
  it('allows a cookie of exactly 4096 bytes', () => {
    expect(serializeCookie('s', 'x'.repeat(4095))).toMatch(/^s=x{4095}; /)
  })
  it('allows a well-formed __Host- cookie', () => {
    expect(serializeCookie('__Host-sid', 'v')).toBe(
      '__Host-sid=v; Path=/; Secure; HttpOnly; SameSite=Lax',
    )
  })
})
