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
    // `_` is allowed in hosts by the URL standard, and browsers send it.
    ['https://my_app.example', 'https://my_app.example', true],
    ['https://*.my_app.example', 'https://x.my_app.example', true],
    ['https://*.a.example', 'https://_dev.a.example', true],
    // An IDN rule matches the ASCII (punycode) form browsers send in Origin.
    ['https://bücher.example', 'https://xn--bcher-kva.example', true],
    ['https://*.bücher.example', 'https://shop.xn--bcher-kva.example', true],
    ['HTTPS://Bücher.Example:443/', 'https://xn--bcher-kva.example', true],
    ['https://bücher.example', 'https://bücher.example', false],
    ['https://a.example:0443', 'https://a.example', true],
    ['https://a.example:08443', 'https://a.example:8443', true],
  ])('%s against %s is %s', (rule, origin, expected) => {
    expect(compileOriginRule(rule)(origin)).toBe(expected)
  })
  it('requires a RegExp to match the whole origin', () => {
    const rule = compileOriginRule(/https:\/\/a\.example/)
    expect(rule('https://a.example')).toBe(true)
    expect(rule('https://a.example.evil.test')).toBe(false)
    expect(rule('https://evil.test?https://a.example')).toBe(false)
  })
  it.each([
    ['*', /not allowed in a list/],
    ['null', /not allowed in a list/],
    ['a.example', /is not an origin \(scheme:\/\/host\[:port\]\)/],
    ['https://a.example/path', /is not an origin/],
    ['https://user@a.example', /is not an origin/],
    ['https://*', /must look like https:\/\/\*\.example\.com/],
    ['https://x.*.a', /must look like https:\/\/\*\.example\.com/],
    ['https://a b.example', /"a b\.example" is not a valid host/],
    ['https://*.a b.example', /"a b\.example" is not a valid host/],
    ['https://a.example:99999', /port 99999 is not a port/],
  ])('refuses the rule %j with a message saying why', (rule, message) => {
    expect(() => compileOriginRule(rule)).toThrow(OriginRuleError)
    expect(() => compileOriginRule(rule)).toThrow(message)
  })
  it('knows local development origins', () => {
    expect(isLocalDevOrigin('http://localhost:5173')).toBe(true)
    expect(isLocalDevOrigin('http://[::1]:80')).toBe(true)
    expect(isLocalDevOrigin('https://localhost:5173')).toBe(false)
    expect(isLocalDevOrigin('http://localhost.evil.test')).toBe(false)
  })
})
