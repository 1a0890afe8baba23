import { describe, expect, it } from 'vitest'
import { OriginRuleError, compileOriginRule, isLocalDevOrigin } from './origin'

describe('compileOriginRule', () => {
  it.each([
    ['https://a.example', 'https://a.example', true],
    ['https://a.example', 'https://A.example', false],
    ['https://a.example', 'https://a.example.evil.test', false],
    ['https://a.example', 'http://a.example', false],
    ['https://a.example', 'https://a.example:8443', false],
    ['https://a.example', 'null', false],
    ['https://*.a.example', 'https://x.a.example', true],
    ['https://*.a.example', 'https://x.y.a.example', true],
    ['https://*.a.example', 'https://a.example', false],
    ['https://*.a.example', 'https://evil.test/x.a.example', false],
    ['https://*.a.example', 'https://x.a.example.evil.test', false],
    ['https://*.a.example:*', 'https://x.a.example:3000', true],
    // Browsers serialize an origin without its scheme's default port (RFC 6454 §6.2).
    ['https://a.example:443', 'https://a.example', true],
    ['http://a.example:80', 'http://a.example', true],
    ['https://*.a.example:443', 'https://x.a.example', true],
    ['https://a.example:80', 'https://a.example', false],
  ])('%s against %s is %s', (rule, origin, expected) => {
    expect(compileOriginRule(rule)(origin)).toBe(expected)
  })
  it('requires a RegExp to match the whole origin', () => {
    const rule = compileOriginRule(/https:\/\/a\.example/)
    expect(rule('https://a.example')).toBe(true)
    expect(rule('https://a.example.evil.test')).toBe(false)
    expect(rule('https://evil.test?https://a.example')).toBe(false)
  })
  it.each(['*', 'null', 'a.example', 'https://a.example/path', 'https://*', 'https://x.*.a'])(
    'refuses the rule %j',
    (rule) => {
      expect(() => compileOriginRule(rule)).toThrow(OriginRuleError)
    },
  )
  it('knows local development origins', () => {
    expect(isLocalDevOrigin('http://localhost:5173')).toBe(true)
    expect(isLocalDevOrigin('http://[::1]:80')).toBe(true)
    expect(isLocalDevOrigin('https://localhost:5173')).toBe(false)
    expect(isLocalDevOrigin('http://localhost.evil.test')).toBe(false)
  })
})
