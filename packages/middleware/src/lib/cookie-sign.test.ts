import { describe, expect, it } from 'vitest'
import { CookieError } from './cookie-error'
import { createCookieSigner } from './cookie-sign'

const OLD = 'old-secret-old-secret-old-secret-!'
const NEW = 'new-secret-new-secret-new-secret-!'

describe('createCookieSigner', () => {
  it('round-trips any string', async () => {
    const s = createCookieSigner(NEW)
    for (const value of ['', 'plain', 'a.b.c', 'ünïcödé ✓; \r\n "x"']) {
      expect(await s.verify('sid', await s.sign('sid', value))).toBe(value)
    }
  })
  it('refuses tampered values and signatures', async () => {
    const s = createCookieSigner(NEW)
    const signed = await s.sign('sid', 'user-1')
    const [payload, exp, mac] = signed.split('.') as [string, string, string]
    const forged = btoa('user-2').replace(/=+$/, '')
    expect(await s.verify('sid', `${forged}.${exp}.${mac}`)).toBeUndefined()
    expect(await s.verify('sid', `${payload}.${exp}.${mac.slice(0, -2)}AA`)).toBeUndefined()
    expect(await s.verify('sid', `${payload}.9999999999.${mac}`)).toBeUndefined()
    expect(await s.verify('sid', `${payload}.${exp}`)).toBeUndefined()
    expect(await s.verify('sid', 'not signed at all')).toBeUndefined()
    expect(await s.verify('sid', `${payload}.${exp}.${mac}.x`)).toBeUndefined()
  })
  it('binds the signature to the cookie name', async () => {
    const s = createCookieSigner(NEW)
    expect(await s.verify('admin', await s.sign('sid', 'yes'))).toBeUndefined()
  })
  it('refuses an expired signature', async () => {
    let now = Date.UTC(2026, 0, 1)
    const s = createCookieSigner(NEW, { now: () => now })
    const signed = await s.sign('sid', 'v', { maxAge: 60 })
    expect(await s.verify('sid', signed)).toBe('v')
    now += 60_000
    expect(await s.verify('sid', signed)).toBeUndefined()
  })
  // "Forever": an expiry past year 33658 has 13 digits or more; it must still verify.
  it.each([
    ['maxAge: Number.MAX_SAFE_INTEGER', { maxAge: Number.MAX_SAFE_INTEGER }],
    ['maxAge: 1e300', { maxAge: 1e300 }],
    ['the last Date as expires', { expires: new Date(8.64e15) }],
  ])('verifies a signature with %s', async (_n, options) => {
    const s = createCookieSigner(NEW)
    expect(await s.verify('sid', await s.sign('sid', 'v', options))).toBe('v')
  })
  it('rotates keys: new signs, old still verifies until removed', async () => {
    const before = await createCookieSigner(OLD).sign('sid', 'v')
    const rotated = createCookieSigner([NEW, OLD])
    expect(await rotated.verify('sid', before)).toBe('v')
    const after = await rotated.sign('sid', 'v')
    expect(await createCookieSigner(NEW).verify('sid', after)).toBe('v')
    expect(await createCookieSigner(NEW).verify('sid', before)).toBeUndefined()
  })
  it.each([
    ['no secret', () => createCookieSigner([])],
    ['a short secret', () => createCookieSigner('short')],
  ])('refuses %s with CookieError', (_n, fn) => {
    expect(fn).toThrow(CookieError)
  })
})
