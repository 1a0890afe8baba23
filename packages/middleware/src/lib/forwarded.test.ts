import { describe, expect, it } from 'vitest'
import { run } from '../../test/harness'
import { type ClientInfo, type ForwardedOptions, forwarded } from './forwarded'
import { parseForwarded } from './forwarded-parse'
import { InvalidAddressError } from './ip-address'

const client = async (
  options: ForwardedOptions,
  remoteAddress: string | undefined,
  headers: Record<string, string>,
) => {
  const res = await run(
    [forwarded(options)],
    (c: { client: ClientInfo }) => Response.json(c.client),
    'http://app.test/x',
    {
      remoteAddress,
      headers,
    },
  )
  return (await res.json()) as ClientInfo
}

describe('forwarded()', () => {
  it('trusts nothing by default', async () => {
    expect(
      await client({}, '203.0.113.9', {
        'x-forwarded-for': '1.1.1.1',
        'x-forwarded-proto': 'https',
      }),
    ).toEqual({
      address: '203.0.113.9',
      protocol: 'http',
      host: 'app.test',
    })
  })

  it('ignores a spoofed X-Forwarded-For from an untrusted peer', async () => {
    const c = await client({ trust: ['10.0.0.0/8'] }, '198.51.100.7', {
      'x-forwarded-for': '10.0.0.1, 127.0.0.1',
    })
    expect(c.address).toBe('198.51.100.7')
  })

  it.each([
    ['forwarded', { forwarded: 'for=unknown;proto=https' }],
    ['forwarded', { forwarded: 'for="UNKNOWN", for=10.0.0.1' }],
    ['x-forwarded', { 'x-forwarded-for': 'unknown', 'x-forwarded-proto': 'https' }],
  ] as const)(
    'reports no address for a trusted %s hop that names the client "unknown"',
    async (header, headers) => {
      // RFC 7239 §6.2: `unknown` says the proxy does not know who sent it the request. It is no
      // address, and the socket's (the proxy's own) would be wrong.
      const c = await client({ trust: ['loopback', '10.0.0.0/8'], header }, '127.0.0.1', headers)
      expect(c.address).toBeUndefined()
    },
  )

  it('walks past trusted proxies to the first untrusted address', async () => {
    const c = await client({ trust: ['loopback', '10.0.0.0/8'] }, '127.0.0.1', {
      // The client wrote "6.6.6.6" itself; the real client is 203.0.113.5.
      'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.1.2.3',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'Public.Example:8443',
    })
    expect(c).toEqual({ address: '203.0.113.5', protocol: 'https', host: 'public.example:8443' })
  })

  // A proxy that reports only what it saw (a common nginx setup sets X-Forwarded-Proto and no
  // -For) is the client's peer: believed like `Forwarded: proto=https` without `for`.
  it.each([
    ['x-forwarded', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example' }],
    ['forwarded', { forwarded: 'proto=https;host=public.example' }],
  ] as const)(
    'believes a trusted peer reporting protocol and host without an address (%s)',
    async (header, headers) => {
      const c = await client({ trust: ['loopback'], header }, '127.0.0.1', headers)
      expect(c).toEqual({ address: '127.0.0.1', protocol: 'https', host: 'public.example' })
    },
  )

  it('counts hops', async () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.1.2.3' }
    expect((await client({ trust: 1 }, '10.9.9.9', headers)).address).toBe('10.1.2.3')
    expect((await client({ trust: 2 }, '10.9.9.9', headers)).address).toBe('203.0.113.5')
    expect((await client({ trust: 9 }, '10.9.9.9', headers)).address).toBe('6.6.6.6')
    expect((await client({ trust: 0 }, '10.9.9.9', headers)).address).toBe('10.9.9.9')
  })

  it('matches an IPv4-mapped socket address against IPv4 ranges', async () => {
    expect(
      (
        await client({ trust: ['127.0.0.1'] }, '::ffff:127.0.0.1', {
          'x-forwarded-for': '203.0.113.5',
        })
      ).address,
    ).toBe('203.0.113.5')
  })

  it('reads RFC 7239 Forwarded when told to, and only then', async () => {
    const headers = {
      forwarded:
        'for=6.6.6.6;proto=http, for="[2001:db8::1]:4711";proto=https;host=api.example, for=10.0.0.2',
      'x-forwarded-for': '9.9.9.9',
    }
    expect(await client({ trust: ['private'], header: 'forwarded' }, '10.0.0.1', headers)).toEqual({
      address: '2001:db8::1',
      protocol: 'https',
      host: 'api.example',
    })
    expect((await client({ trust: ['private'] }, '10.0.0.1', headers)).address).toBe('9.9.9.9')
  })

  it.each([
    ['a malformed Forwarded', { forwarded: 'for=1.2.3.4;;' }],
    ['an unknown protocol and a bad host', { forwarded: 'for=1.2.3.4;proto=gopher;host="a b"' }],
  ])('falls back safely on %s', async (_n, headers) => {
    const c = await client({ trust: ['loopback'], header: 'forwarded' }, '127.0.0.1', headers)
    expect(c.protocol).toBe('http')
    expect(c.host).toBe('app.test')
  })

  it.each([
    [['10.0.0.0/40']],
    [['example.com']],
    [-1],
    [1.5],
    // Not names of ranges, though the name table is an object with a prototype.
    [['constructor']],
    [['toString']],
  ])('refuses the trust setting %j', (trust) => {
    expect(() => forwarded({ trust: trust as never })).toThrow(InvalidAddressError)
  })
})

describe('parseForwarded', () => {
  it.each([
    ['for=192.0.2.60;proto=http;by=203.0.113.43', [{ for: '192.0.2.60', proto: 'http' }]],
    ['For="[2001:db8:cafe::17]:4711"', [{ for: '2001:db8:cafe::17' }]],
    ['for=192.0.2.43, for=198.51.100.17', [{ for: '192.0.2.43' }, { for: '198.51.100.17' }]],
    ['for=unknown', [{ for: 'unknown' }]],
  ])('reads %s', (value, hops) => {
    expect(parseForwarded(value)).toEqual(hops)
  })
  it.each(['for=[::1]', 'for=1.2.3.4;for=5.6.7.8', 'for="unterminated', 'garbage', 'for=1.2.3.4,'])(
    'refuses %j',
    (value) => {
      expect(parseForwarded(value)).toBeUndefined()
    },
  )
})
