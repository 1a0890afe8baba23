// Laws and "never throws on hostile input" properties of the pure cores (fast-check).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { negotiateEncoding } from './accept-encoding'
import { fromBase64Url, toBase64Url } from './base64url'
import { evaluatePreconditions } from './conditional'
import { parseCookies } from './cookie-parse'
import { serializeCookie } from './cookie-serialize'
import { createCookieSigner } from './cookie-sign'
import { parseForwarded } from './forwarded-parse'
import { inRange, parseCidr, parseIp } from './ip-address'
import { parseRange } from './range'
import { resolveStaticPath } from './static-path'

const headerText = fc.string({
  unit: fc.constantFrom(...' ,;="\\/W*-0123456789abcdefgq.:[]\t'.split('')),
})

describe('laws', () => {
  it('a serialized cookie parses back to its value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const pair = serializeCookie('n', value).split(';')[0]!
        expect(parseCookies(pair).get('n')).toBe(value)
      }),
    )
  })

  it('a signed cookie verifies to its value under its name only', async () => {
    const signer = createCookieSigner('0123456789abcdef0123456789abcdef')
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (value) => {
        const signed = await signer.sign('sid', value)
        expect(await signer.verify('sid', signed)).toBe(value)
        expect(await signer.verify('other', signed)).toBeUndefined()
      }),
      { numRuns: 50 },
    )
  })

  it('base64url round-trips and has one form per value', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const text = toBase64Url(bytes)
        expect(fromBase64Url(text)).toEqual(bytes)
      }),
    )
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AQgw-_9z'.split('')) }), (text) => {
        const bytes = fromBase64Url(text)
        if (bytes) expect(toBase64Url(bytes)).toBe(text)
      }),
    )
  })

  it('a satisfiable range lies inside the representation', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.option(fc.nat(2000)), fc.option(fc.nat(2000)), (size, a, b) => {
        const outcome = parseRange(`bytes=${a ?? ''}-${b ?? ''}`, size)
        if (outcome.kind === 'range') {
          expect(outcome.range.start).toBeGreaterThanOrEqual(0)
          expect(outcome.range.start).toBeLessThanOrEqual(outcome.range.end)
          expect(outcome.range.end).toBeLessThan(size)
        }
      }),
    )
  })

  it('every IPv4 and IPv6 address lies in its own /32 or /128 and its mapped form agrees', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(inRange(parseIp(ip)!, parseCidr(`${ip}/32`))).toBe(true)
        expect(parseIp(`::ffff:${ip}`)).toEqual(parseIp(ip))
      }),
    )
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        expect(inRange(parseIp(ip)!, parseCidr(`${ip}/128`))).toBe(true)
      }),
    )
  })
})

describe('hostile input', () => {
  it('a resolved static path never holds a traversal, separator, control byte or dotfile', () => {
    const segment = fc.string({
      unit: fc.constantFrom('.', '/', '%', '2', 'e', 'E', 'f', 'F', '5', 'c', '0', 'a', '\\'),
    })
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), (parts) => {
        const r = resolveStaticPath(`/${parts.join('/')}`)
        if (!r.ok) return
        for (const seg of r.path.split('/').slice(1)) {
          expect(seg).not.toBe('..')
          expect(seg.startsWith('.')).toBe(false)
          // biome-ignore lint/suspicious/noControlCharactersInRegex: what must never appear
          expect(seg).not.toMatch(/[\\\x00-\x1f]/)
        }
      }),
    )
  })

  it('header parsers never throw', () => {
    fc.assert(
      fc.property(headerText, headerText, (a, b) => {
        parseForwarded(a)
        parseCookies(a)
        negotiateEncoding(a, ['gzip', 'deflate'])
        parseRange(a, 100)
        const request = new Request('http://x/', {
          headers: {
            'if-match': a,
            'if-none-match': b,
            'if-modified-since': a,
            'if-unmodified-since': b,
          },
        })
        expect(['proceed', 'not-modified', 'failed']).toContain(
          evaluatePreconditions(request, { etag: '"x"', lastModified: 0 }),
        )
      }),
    )
  })
})
