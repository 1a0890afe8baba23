import { describe, expect, it } from 'vitest'
import { InvalidAddressError, inRange, parseCidr, parseIp } from './ip-address'

const within = (ip: string, cidr: string) => inRange(parseIp(ip)!, parseCidr(cidr))

describe('parseIp', () => {
  it.each([
    '1.2.3.4',
    '::1',
    '::',
    'fe80::1%eth0',
    '2001:db8::ff00:42:8329',
    '::ffff:10.0.0.1',
    '1:2:3:4:5:6:7:8',
  ])('accepts %s', (ip) => {
    expect(parseIp(ip)).toBeInstanceOf(Uint8Array)
  })
  it.each([
    '',
    '1.2.3',
    '01.2.3.4',
    '256.1.1.1',
    '1.2.3.4.5',
    ':::1',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'g::1',
    'localhost',
    ' 1.2.3.4',
  ])('refuses %j', (ip) => {
    expect(parseIp(ip)).toBeUndefined()
  })
  it('maps IPv4 and IPv4-mapped IPv6 to the same bytes', () => {
    expect(parseIp('::ffff:127.0.0.1')).toEqual(parseIp('127.0.0.1'))
  })
})

describe('CIDR ranges', () => {
  it.each([
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['172.31.255.255', '172.16.0.0/12', true],
    ['172.32.0.0', '172.16.0.0/12', false],
    ['::ffff:192.168.1.9', '192.168.0.0/16', true],
    ['fd12::1', 'fc00::/7', true],
    ['fe80::1', 'fc00::/7', false],
    ['1.2.3.4', '1.2.3.4', true],
    ['1.2.3.5', '1.2.3.4', false],
    ['8.8.8.8', '0.0.0.0/0', true],
  ])('%s in %s is %s', (ip, cidr, expected) => {
    expect(within(ip, cidr)).toBe(expected)
  })
  it.each(['10.0.0.0/33', '::/129', 'nope', '10.0.0.0/x'])(
    'refuses %j with InvalidAddressError',
    (text) => {
      expect(() => parseCidr(text)).toThrow(InvalidAddressError)
    },
  )
})
