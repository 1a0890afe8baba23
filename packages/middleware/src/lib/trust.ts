import {
  type CidrRange,
  InvalidAddressError,
  NAMED_RANGES,
  inRange,
  parseCidr,
  parseIp,
} from './ip-address'

/**
 * Which proxies are trusted: addresses, CIDR ranges and the names `loopback`, `private`,
 * `linklocal`; a number of proxy hops in front of the app; or a function deciding per address.
 */
export type Trust = readonly string[] | number | ((address: string) => boolean)

/**
 * `compileTrust(trust)` is a predicate `(address, hop) => boolean` saying whether the proxy at
 * `address`, `hop` steps from the app (the socket peer is hop 0), is trusted. A count `n` trusts
 * hops 0 to n-1. Throws `InvalidAddressError` for an entry that is no address, range or name.
 */
export function compileTrust(trust: Trust): (address: string | undefined, hop: number) => boolean {
  if (typeof trust === 'function') return (address) => address !== undefined && trust(address)
  if (typeof trust === 'number') {
    if (!Number.isInteger(trust) || trust < 0) {
      throw new InvalidAddressError('forwarded(): a hop count must be a whole number, at least 0')
    }
    return (_address, hop) => hop < trust
  }
  if (!Array.isArray(trust))
    throw new InvalidAddressError('forwarded(): trust must be a list, a count or a function')
  const ranges: CidrRange[] = []
  for (const entry of trust) {
    // Own names only: `constructor` is no range name, just an invalid address.
    const named = Object.hasOwn(NAMED_RANGES, entry) ? NAMED_RANGES[entry]! : [entry]
    for (const text of named) ranges.push(parseCidr(text))
  }
  return (address) => {
    if (address === undefined) return false
    const bytes = parseIp(address)
    return bytes !== undefined && ranges.some((r) => inRange(bytes, r))
  }
}
