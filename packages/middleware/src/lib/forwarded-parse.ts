/** One proxy hop as a `Forwarded` element (RFC 7239 §4) or an `X-Forwarded-*` position describes it. */
export interface ForwardedHop {
  /** The address of the party that sent the request to this proxy (`for=`), when known. */
  readonly for?: string
  /** The protocol that request used (`proto=`). */
  readonly proto?: string
  /** The `Host` that request carried (`host=`). */
  readonly host?: string
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * `parseForwarded(value)` is the hops in a `Forwarded` field, nearest the client first, or
 * `undefined` when the field is malformed anywhere (a partial reading would let a malformed tail
 * shift which hop is which). Node names are unquoted and their port and brackets stripped:
 * `for="[2001:db8::1]:4711"` gives `2001:db8::1`.
 */
export function parseForwarded(value: string): ForwardedHop[] | undefined {
  const hops: ForwardedHop[] = []
  let i = 0
  let hop: Record<string, string> = {}
  const n = value.length
  const skipWs = () => {
    while (i < n && (value[i] === ' ' || value[i] === '\t')) i++
  }
  for (;;) {
    skipWs()
    const eq = value.indexOf('=', i)
    if (eq === -1) return undefined
    const name = value.slice(i, eq).trim().toLowerCase()
    if (!TOKEN.test(name) || name in hop) return undefined
    i = eq + 1
    let v = ''
    if (value[i] === '"') {
      i++
      while (i < n && value[i] !== '"') {
        if (value[i] === '\\') i++
        v += value[i] ?? ''
        i++
      }
      if (value[i] !== '"') return undefined
      i++
    } else {
      const start = i
      while (i < n && value[i] !== ';' && value[i] !== ',' && value[i] !== ' ' && value[i] !== '\t')
        i++
      v = value.slice(start, i)
      if (!TOKEN.test(v)) return undefined
    }
    hop[name] = v
    skipWs()
    if (i >= n || value[i] === ',') {
      hops.push(toHop(hop))
      hop = {}
      if (i >= n) return hops
    } else if (value[i] !== ';') {
      return undefined
    }
    i++
  }
}

function toHop(pairs: Record<string, string>): ForwardedHop {
  const out: { for?: string; proto?: string; host?: string } = {}
  if (pairs.for !== undefined) out.for = stripPort(pairs.for)
  if (pairs.proto !== undefined) out.proto = pairs.proto.toLowerCase()
  if (pairs.host !== undefined) out.host = pairs.host
  return out
}

/** `stripPort(node)` is the address in a node name: `[::1]:80` → `::1`, `1.2.3.4:80` → `1.2.3.4`. */
export function stripPort(node: string): string {
  const n = node.trim()
  if (n.startsWith('[')) {
    const close = n.indexOf(']')
    return close === -1 ? n : n.slice(1, close)
  }
  const colon = n.indexOf(':')
  // More than one colon is a bare IPv6 address (X-Forwarded-For writes them unbracketed).
  return colon !== -1 && n.indexOf(':', colon + 1) === -1 ? n.slice(0, colon) : n
}

/** `splitList(value)` is the members of a comma-separated field, trimmed, empty ones dropped. */
export function splitList(value: string | null): string[] {
  if (value === null) return []
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}
