import type { IncomingMessage } from 'node:http'

// The request fields Node keeps once, dropping every later line (`message.headers` in Node's
// docs), where a Request on Bun, Deno and workerd holds them all, joined with `, ` (Fetch
// "combine"). Content-Length stays Node's: its parser refuses two different lengths itself.
const KEPT_ONCE = new Set([
  'age',
  'authorization',
  'content-type',
  'etag',
  'expires',
  'from',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
])

/**
 * `joinRepeated(req)` puts every line of a field Node keeps once into `req.headers`, joined with
 * `, `, so the app reads what it would read on another runtime: two `Authorization` lines are
 * not the first one alone (and a `Content-Type` given twice is refused by the body readers
 * rather than read as the first). It is whether `Host` came twice, which RFC 9112 §3.2 makes a
 * 400: Node kept the first, so the app and a proxy before it could each see a different host.
 */
export function joinRepeated(req: IncomingMessage): boolean {
  const raw = req.rawHeaders
  const lines = new Map<string, string[]>()
  let hosts = 0
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    if (name === 'host') hosts++
    else if (KEPT_ONCE.has(name)) {
      const values = lines.get(name)
      if (values === undefined) lines.set(name, [raw[i + 1]!])
      else values.push(raw[i + 1]!)
    }
  }
  for (const [name, values] of lines) if (values.length > 1) req.headers[name] = values.join(', ')
  return hosts > 1
}
