import { encodeSegment, type Kind, KindEncodeError, patternOf } from '@ferry/kind'

/**
 * `encodeFailure(kind, value, err)` is `err` (a codec's `KindEncodeError` for `value`) retold
 * with the kind's name and, for a pattern kind, the key whose value no codec takes: a codec only
 * knows the value it was given (`int cannot encode 1.5`), and a call may carry several numbers.
 * The codec's error is the `cause`.
 */
export function encodeFailure(kind: Kind, value: unknown, err: KindEncodeError): KindEncodeError {
  const key = culprit(kind, value)
  // Some messages name the key already (`missing parameter "id"`): said once is enough.
  const where =
    key === undefined || err.message.includes(`"${key[1]}"`) ? '' : `${key[0]} "${key[1]}": `
  return new KindEncodeError(`${kind.name}: ${where}${err.message}`, { cause: err })
}

// The first capture or query key whose value its codec refuses on its own, walked as the kind
// encodes (captures, then query keys); a diagnostic, run only once encoding has failed.
function culprit(kind: Kind, value: unknown): [string, string] | undefined {
  const pattern = patternOf(kind)
  if (pattern === undefined || typeof value !== 'object' || value === null) return undefined
  const field = (name: string): unknown =>
    Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined
  const refuses = (write: () => unknown): boolean => {
    try {
      write()
      return false
    } catch {
      return true
    }
  }
  for (const s of pattern.segments) {
    if (s.type === 'static') continue
    const v = field(s.name)
    if (v === undefined) continue
    // A capture's text must also be one a URL segment can carry (well-formed Unicode).
    const fails =
      s.type === 'rest'
        ? refuses(() => s.codec.encode(v).map(encodeSegment))
        : refuses(() => encodeSegment(s.codec.encode(v)))
    if (fails) return ['parameter', s.name]
  }
  for (const q of pattern.query) {
    const v = field(q.name)
    if (v !== undefined && refuses(() => q.codec.encode(v))) return ['query parameter', q.name]
  }
  return undefined
}
