import { describe, expect, it } from 'vitest'
import { answer, run } from '../../test/harness'
import { SecureHeadersError, secureHeaders } from './secure-headers'

describe('secureHeaders()', () => {
  it('sends sensible defaults and no HSTS or CSP unless asked', async () => {
    const res = await run([secureHeaders()], answer('x'), '/')
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    })
    expect(res.headers.has('strict-transport-security')).toBe(false)
    expect(res.headers.has('content-security-policy')).toBe(false)
  })

  it('adds HSTS and a CSP on request, and keeps what the handler set', async () => {
    const res = await run(
      [
        secureHeaders({
          hsts: { maxAge: 63072000, preload: true },
          contentSecurityPolicy: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
          frameOptions: false,
        }),
      ],
      answer('x', { headers: { 'referrer-policy': 'no-referrer' } }),
      '/',
    )
    expect(res.headers.get('strict-transport-security')).toBe(
      'max-age=63072000; includeSubDomains; preload',
    )
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data:",
    )
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.has('x-frame-options')).toBe(false)
  })

  it.each([
    ['a CRLF in a value', { referrerPolicy: 'no-referrer\r\nSet-Cookie: a=1' }],
    [
      'a ; inside a CSP source',
      { contentSecurityPolicy: { 'script-src': ["'self'; script-src *"] } },
    ],
    ['a bad CSP directive', { contentSecurityPolicy: { 'script src': ["'self'"] } }],
  ])('refuses %s', (_n, options) => {
    expect(() => secureHeaders(options)).toThrow(SecureHeadersError)
  })
})
