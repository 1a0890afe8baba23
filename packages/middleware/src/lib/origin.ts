/**
 * An origin rule: an exact origin (`https://a.example`), a wildcard pattern whose `*` stands for
 * one or more DNS labels (`https://*.a.example`), a `RegExp` that must match the whole origin, or a
 * function deciding. Origins and patterns may be written with Unicode host names
 * (`https://bücher.example`): they match the ASCII form browsers send (`xn--bcher-kva`). RegExps
 * and functions see that ASCII form.
 */
export type OriginRule = string | RegExp | ((origin: string) => boolean)

/** A bad origin rule was given to `cors()` or `csrf()`. */
export class OriginRuleError extends Error {
  override readonly name = 'OriginRuleError'
}

// A serialized origin (RFC 6454 §6.2): scheme "://" host [":" port], nothing after. A host name
// may hold `_`: the URL standard allows it in domains, and browsers send it.
const ORIGIN = /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(:\d{1,5})?$/

/**
 * `isSerializedOrigin(value)` is whether `value` is a lower-case serialized tuple origin, which is
 * all a browser ever sends in `Origin` (`null` is not one: it names an opaque origin, e.g. a
 * sandboxed frame or a `file:` page, and is never allowed by a rule).
 */
export function isSerializedOrigin(value: string): boolean {
  return ORIGIN.test(value)
}

/** `compileOriginRule(rule)` is a predicate for `rule`; throws `OriginRuleError` on a bad rule. */
export function compileOriginRule(rule: OriginRule): (origin: string) => boolean {
  if (typeof rule === 'function') return rule
  if (rule instanceof RegExp) {
    // A RegExp must cover the whole origin: /a\.example/ would also admit https://a.example.evil.
    return (origin) => {
      rule.lastIndex = 0
      const m = rule.exec(origin)
      return m !== null && m.index === 0 && m[0].length === origin.length
    }
  }
  if (typeof rule !== 'string')
    throw new OriginRuleError(`origin rule must be a string, RegExp or function`)
  if (rule === '*' || rule === 'null') {
    throw new OriginRuleError(`origin rule ${JSON.stringify(rule)} is not allowed in a list`)
  }
  const { scheme, wildcard, host, port } = splitRule(rule)
  const serialized = withoutDefaultPort(`${scheme}://${host}${port}`)
  if (!wildcard) {
    if (!isSerializedOrigin(serialized)) throw shapeError(rule)
    return (origin) => origin === serialized
  }
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([a-z0-9_.-]+)(:\d{1,5}|:\*)?$/.exec(serialized)
  if (!m) throw shapeError(rule)
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const portPattern = m[3] === ':*' ? '(:\\d{1,5})?' : esc(m[3] ?? '')
  const re = new RegExp(`^${esc(m[1]!)}([a-z0-9_-]+\\.)+${esc(m[2]!)}${portPattern}$`)
  return (origin) => re.test(origin)
}

/** An origin rule taken apart: `*.` of a pattern in `wildcard`, `port` with its `:` (or empty). */
interface RuleParts {
  scheme: string
  wildcard: boolean
  host: string
  port: string
}

/**
 * `splitRule(rule)` is the origin rule `rule` taken apart, in the form browsers serialize an
 * origin: scheme and host in lower case, an IDN host in its ASCII (punycode) form as the URL
 * parser's domain-to-ASCII writes it into `Origin`, the port without leading zeros, a trailing `/`
 * dropped. Throws
 * `OriginRuleError` when `rule` has no `scheme://host[:port]` shape (a path, userinfo, query), its
 * host is one the URL parser refuses, or its port is past 65535.
 */
function splitRule(rule: string): RuleParts {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?(\[[^\]]*\]|[^/?#@:[\]\\]*)(:\d+|:\*)?\/?$/i.exec(rule)
  if (!m) throw shapeError(rule)
  const [, scheme, star, written, writtenPort = ''] = m
  if (writtenPort === ':*' && star === undefined) throw shapeError(rule)
  // Written as browsers serialize it: `:0443` is port 443.
  const port = /^:\d+$/.test(writtenPort) ? `:${Number(writtenPort.slice(1))}` : writtenPort
  if (Number(port.slice(1)) > 65535) {
    throw new OriginRuleError(
      `origin rule ${JSON.stringify(rule)}: port ${writtenPort.slice(1)} is not a port (0 to 65535)`,
    )
  }
  let host: string
  try {
    // Under a special scheme the parser lower-cases the host and applies domain-to-ASCII.
    host = new URL(`http://${written}`).hostname
  } catch {
    throw new OriginRuleError(
      `origin rule ${JSON.stringify(rule)}: ${JSON.stringify(written)} is not a valid host name`,
    )
  }
  return { scheme: scheme!.toLowerCase(), wildcard: star !== undefined, host, port }
}

/** The error for a rule that has not the shape of an origin, or of a pattern when it has a `*`. */
function shapeError(rule: string): OriginRuleError {
  return new OriginRuleError(
    rule.includes('*')
      ? `origin pattern ${JSON.stringify(rule)} must look like https://*.example.com`
      : `origin rule ${JSON.stringify(rule)} is not an origin (scheme://host[:port])`,
  )
}

/** `isLocalDevOrigin(origin)` is whether `origin` is `http://localhost`, `127.0.0.1` or `[::1]` on any port. */
export function isLocalDevOrigin(origin: string): boolean {
  return /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(origin)
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  http: '80',
  ws: '80',
  https: '443',
  wss: '443',
}

/**
 * `withoutDefaultPort(origin)` is `origin` without its scheme's default port: a browser never
 * sends `:443` for https (RFC 6454 §6.2 leaves the default port out), so a rule that names it
 * would never match.
 */
function withoutDefaultPort(origin: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*):(\d+)$/.exec(origin)
  return m && DEFAULT_PORTS[m[1]!] === m[3] ? `${m[1]}://${m[2]}` : origin
}
