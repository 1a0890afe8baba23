/** A content coding `compress()` can produce with `CompressionStream`. */
export type Encoding = 'gzip' | 'deflate'

/** An entry of `Accept-Encoding`: a coding (or `*`) with its quality. */
interface Preference {
  readonly coding: string
  readonly q: number
}

const Q = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i

function parsePreferences(value: string): Preference[] {
  const out: Preference[] = []
  for (const part of value.split(',')) {
    const [name, ...params] = part.split(';')
    const coding = name!.trim().toLowerCase()
    if (coding === '') continue
    let q = 1
    for (const p of params) {
      const m = Q.exec(p.trim())
      // A malformed weight makes the entry meaningless; RFC 9110 §12.4.2 allows ignoring it.
      q = m ? Number(m[1]) : Number.NaN
    }
    if (!Number.isNaN(q)) out.push({ coding: coding === 'x-gzip' ? 'gzip' : coding, q })
  }
  return out
}

/** The result of negotiating a content coding. */
export interface Negotiated {
  /** The coding to apply, or `undefined` for none (identity). */
  readonly encoding: Encoding | undefined
  /** Whether sending the body unencoded is acceptable to the client. */
  readonly identityAcceptable: boolean
}

/**
 * `negotiateEncoding(value, supported)` is the coding to use for a request whose `Accept-Encoding`
 * is `value` (RFC 9110 §12.5.3): the acceptable coding from `supported` with the highest quality,
 * ties broken by the order of `supported`. No field means "no preference" and gives identity; an
 * empty field means identity only. `identity` stays acceptable unless `identity;q=0`, or `*;q=0`
 * without an `identity` entry, excludes it.
 */
export function negotiateEncoding(
  value: string | null,
  supported: readonly Encoding[],
): Negotiated {
  if (value === null) return { encoding: undefined, identityAcceptable: true }
  const prefs = parsePreferences(value)
  const qOf = (coding: string): number | undefined =>
    prefs.find((p) => p.coding === coding)?.q ?? prefs.find((p) => p.coding === '*')?.q
  let best: Encoding | undefined
  let bestQ = 0
  for (const coding of supported) {
    const q = qOf(coding) ?? 0
    if (q > bestQ) {
      best = coding
      bestQ = q
    }
  }
  const identityQ = qOf('identity')
  return { encoding: best, identityAcceptable: identityQ === undefined || identityQ > 0 }
}
