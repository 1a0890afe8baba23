/** A parsed media type: lower-case `type/subtype` essence and its parameters. */
export interface MediaType {
  /** `type/subtype`, lower-cased (`application/json`). */
  readonly essence: string
  /** Parameters with lower-cased names; quoted values unquoted (RFC 9110 §5.6.6). */
  readonly params: Readonly<Record<string, string>>
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * `parseMediaType(value)` is the media type in a Content-Type value, or `undefined` when `value`
 * is not of the form `type/subtype *(; name=value)` (RFC 9110 §8.3.1) or names a parameter twice,
 * in any case (`boundary=a; boundary=b`, an error by RFC 6838 §4.3).
 */
export function parseMediaType(value: string | null | undefined): MediaType | undefined {
  if (!value) return undefined
  // Requests in a row mostly carry the same Content-Type: remember the last one (results are
  // frozen, so sharing them is safe).
  if (value !== last) {
    last = value
    lastType = parse(value)
  }
  return lastType
}

let last: string | undefined
let lastType: MediaType | undefined

function parse(value: string): MediaType | undefined {
  const semi = value.indexOf(';')
  const essence = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase()
  const slash = essence.indexOf('/')
  if (slash <= 0 || !TOKEN.test(essence.slice(0, slash)) || !TOKEN.test(essence.slice(slash + 1))) {
    return undefined
  }
  const params: Record<string, string> = Object.create(null)
  let i = semi
  while (i !== -1 && i < value.length) {
    i++
    const eq = value.indexOf('=', i)
    if (eq === -1) break
    const name = value.slice(i, eq).trim().toLowerCase()
    let j = eq + 1
    let v: string
    if (value[j] === '"') {
      let out = ''
      j++
      while (j < value.length && value[j] !== '"') {
        if (value[j] === '\\' && j + 1 < value.length) j++
        out += value[j]
        j++
      }
      v = out
      j = value.indexOf(';', j)
    } else {
      const end = value.indexOf(';', j)
      v = (end === -1 ? value.slice(j) : value.slice(j, end)).trim()
      j = end
    }
    if (name && TOKEN.test(name)) {
      // RFC 6838 §4.3: "It is an error for a specific parameter to be specified more than once."
      // Taking either one would split a multipart body differently from a proxy taking the other.
      if (name in params) return undefined
      params[name] = v
    }
    i = j
  }
  return Object.freeze({ essence, params: Object.freeze(params) })
}

/**
 * `mediaTypeMatches(essence, pattern)` is whether the media type `essence` fits `pattern`: an
 * exact `type/subtype`, `type/*`, `*\/*+suffix` (a structured syntax suffix, RFC 6838 §4.2.8) or
 * `*\/*`. Both are expected lower-case.
 */
export function mediaTypeMatches(essence: string, pattern: string): boolean {
  if (pattern === '*/*' || pattern === essence) return true
  if (pattern.startsWith('*/*+')) return essence.endsWith(pattern.slice(3))
  if (pattern.endsWith('/*')) return essence.startsWith(pattern.slice(0, -1))
  return false
}
