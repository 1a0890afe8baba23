/**
 * An origin rule: an exact origin (`https://a.example`), a wildcard pattern whose `*` stands for
 * one or more DNS labels (`https://*.a.example`), a `RegExp` that must match the whole origin, or a
 * function deciding.
 */
export type OriginRule = string | RegExp | ((origin: string) => boolean)

/** A bad origin rule was given to `cors()` or `csrf()`. */
export class OriginRuleError extends Error {
  override readonly name = 'OriginRuleError'
}

// A serialized origin (RFC 6454 §6.2): scheme "://" host [":" port], nothing after.
const ORIGIN = /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/

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
  const lower = withoutDefaultPort(rule.toLowerCase().replace(/\/$/, ''))
  if (!lower.includes('*')) {
    if (!isSerializedOrigin(lower)) {
      throw new OriginRuleError(
        `origin rule ${JSON.stringify(rule)} is not an origin (scheme://host[:port])`,
      )
    }
    return (origin) => origin === lower
  }
  const m = /^([a-z][a-z0-9+.-]*:\/\/)\*\.([a-z0-9.-]+)(:\d{1,5}|:\*)?$/.exec(lower)
  if (!m) {
    throw new OriginRuleError(
      `origin pattern ${JSON.stringify(rule)} must look like https://*.example.com`,
    )
  }
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const port = m[3] === ':*' ? '(:\\d{1,5})?' : esc(m[3] ?? '')
  const re = new RegExp(`^${esc(m[1]!)}([a-z0-9-]+\\.)+${esc(m[2]!)}${port}$`)
  return (origin) => re.test(origin)
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
