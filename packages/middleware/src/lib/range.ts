/** One satisfiable byte range, `start` to `end` inclusive. */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/**
 * The meaning of a `Range` field for a representation of a known size: no usable range (serve
 * the whole thing), one satisfiable range (206), or unsatisfiable (416).
 */
export type RangeOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'range'; readonly range: ByteRange }
  | { readonly kind: 'unsatisfiable' }

const SPEC = /^(\d*)-(\d*)$/

/**
 * `parseRange(value, size)` is what a `Range` field `value` asks of a `size`-byte representation
 * (RFC 9110 §14.1.2). Only the `bytes` unit and a single range are honoured: a malformed field, an
 * unknown unit or several ranges are answered with the whole representation, which §14.2 allows.
 * A range that starts past the end, or a zero-length suffix, is `unsatisfiable`.
 */
export function parseRange(value: string | null, size: number): RangeOutcome {
  if (value === null) return { kind: 'none' }
  const eq = value.indexOf('=')
  if (eq === -1 || value.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'none' }
  // Empty list elements (`bytes=0-4,`) are allowed and skipped (RFC 9110 §5.6.1.2).
  const specs = value
    .slice(eq + 1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (specs.length !== 1) return { kind: 'none' }
  const m = SPEC.exec(specs[0]!)
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'none' }
  // Digits beyond 15 would lose precision as numbers; no file here is that large.
  if (m[1]!.length > 15 || m[2]!.length > 15) return { kind: 'none' }
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } }
  }
  const start = Number(m[1])
  if (m[2] !== '' && Number(m[2]) < start) return { kind: 'none' }
  if (start >= size) return { kind: 'unsatisfiable' }
  const last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  return { kind: 'range', range: { start, end: last } }
}
