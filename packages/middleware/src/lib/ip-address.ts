/**
 * `parseIp(text)` is the 16 bytes of the IP address `text` (IPv4 as an IPv4-mapped IPv6 address,
 * RFC 4291 §2.5.5.2), or `undefined` when `text` is not one. Accepts dotted-quad IPv4 without
 * leading zeros, IPv6 with `::` compression, an embedded IPv4 tail, and a `%zone` suffix (dropped).
 */
export function parseIp(text: string): Uint8Array | undefined {
  const v4 = parseIpv4(text)
  if (v4) {
    const out = new Uint8Array(16)
    out[10] = 0xff
    out[11] = 0xff
    out.set(v4, 12)
    return out
  }
  return parseIpv6(text)
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const out = new Uint8Array(4)
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!
    // Leading zeros are refused: some parsers read them as octal, so they are ambiguous.
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined
    const n = Number(p)
    if (n > 255) return undefined
    out[i] = n
  }
  return out
}

function parseIpv6(input: string): Uint8Array | undefined {
  const zone = input.indexOf('%')
  const text = zone === -1 ? input : input.slice(0, zone)
  if (text.length < 2 || text.length > 45) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (s: string): number[] | undefined => {
    if (s === '') return []
    const out: number[] = []
    const parts = s.split(':')
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p)
        if (!v4) return undefined
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!)
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        out.push(Number.parseInt(p, 16))
      } else {
        return undefined
      }
    }
    return out
  }
  const head = groups(halves[0]!)
  const tail = halves.length === 2 ? groups(halves[1]!) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail]
  const out = new Uint8Array(16)
  all.forEach((g, i) => {
    out[i * 2] = g >> 8
    out[i * 2 + 1] = g & 0xff
  })
  return out
}

/** A parsed CIDR range: a network address and the number of leading bits that must match. */
export interface CidrRange {
  readonly bytes: Uint8Array
  readonly bits: number
}

/** An invalid address or CIDR range was given to `forwarded({ trust })`. */
export class InvalidAddressError extends Error {
  override readonly name = 'InvalidAddressError'
}

/**
 * `parseCidr(text)` is the range `text` names: an address (`10.0.0.1`, `::1`) or a CIDR range
 * (`10.0.0.0/8`, `fd00::/8`). IPv4 prefixes count IPv4 bits. Throws `InvalidAddressError` when
 * `text` is neither.
 */
export function parseCidr(text: string): CidrRange {
  const slash = text.indexOf('/')
  const addr = slash === -1 ? text : text.slice(0, slash)
  const bytes = parseIp(addr)
  if (!bytes) throw new InvalidAddressError(`"${text}" is not an IP address or CIDR range`)
  const isV4 = !addr.includes(':')
  const max = isV4 ? 32 : 128
  if (slash === -1) return { bytes, bits: 128 }
  const p = text.slice(slash + 1)
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) {
    throw new InvalidAddressError(`"${text}" has a prefix length outside 0..${max}`)
  }
  return { bytes, bits: Number(p) + (isV4 ? 96 : 0) }
}

/** `inRange(address, range)` is whether the 16-byte `address` lies in `range`. */
export function inRange(address: Uint8Array, range: CidrRange): boolean {
  let bits = range.bits
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff
    if ((address[i]! & mask) !== (range.bytes[i]! & mask)) return false
  }
  return true
}

/** Named groups of ranges `forwarded({ trust })` understands beside addresses and CIDR ranges. */
export const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
}
