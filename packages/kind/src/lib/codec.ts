import { KindEncodeError } from './errors.js'
import type { Codec } from './types.js'

/**
 * `codec(decode, encode, name)` is a user codec. It must be canonical: `decode(encode(v))` equals
 * `v`, and `encode(decode(s)) === s` for every `s` that decodes. `decode` answers `undefined` (or
 * throws, which counts as `undefined`) for strings outside the codec. An `encode` that returns
 * anything but a string throws a `KindEncodeError` naming the codec and what it returned.
 */
export function codec<T>(
  decode: (s: string) => T | undefined,
  encode: (v: T) => string,
  name: string,
): Codec<T> {
  return {
    name,
    decode(s) {
      try {
        return decode(s)
      } catch {
        return undefined
      }
    },
    encode(v) {
      const s = encode(v)
      // Untyped code (or a cast) may return anything, which href would write as `[object Object]`
      // or `undefined`. Checked here, not where codecs are called: the built-ins return strings.
      if (typeof s !== 'string') {
        const t = typeof s
        const got = t === 'number' || t === 'boolean' || t === 'bigint' ? `the ${t} ${s}` : show(s)
        throw new KindEncodeError(`codec "${name}" encoded ${show(v)} as ${got}, not a string`)
      }
      return s
    },
  }
}

/** `str` is any string as itself. */
export const str: Codec<string> = {
  name: 'str',
  decode: (s) => s,
  encode(v) {
    // Untyped callers (JSON, forms) may hand over null or a number: never write "null".
    if (typeof v !== 'string') throw new KindEncodeError(`str cannot encode a ${typeof v}`)
    return v
  },
}

const INT = /^(?:0|-?[1-9][0-9]*)$/

/** `int` is a safe integer in plain decimal: no sign on zero, no leading zeros, no `+`. */
export const int: Codec<number> = {
  name: 'int',
  decode(s) {
    if (s.length > 17 || !INT.test(s)) return undefined
    const n = Number(s)
    return Number.isSafeInteger(n) ? n : undefined
  },
  encode(v) {
    if (!Number.isSafeInteger(v))
      throw new KindEncodeError(
        // Not `show(v)`: int is in most bundles, and a number or a type is all it needs to say.
        `int cannot encode ${typeof v === 'number' ? v : `a ${typeof v}`}: not a safe integer`,
      )
    // String(-0) is '0' (ECMA-262 Number::toString), the one form of zero.
    return String(v)
  },
}

/** `num` is a finite number in JavaScript's shortest round-trip form (`1.5`, `1e+21`, `-0.1`). */
export const num: Codec<number> = {
  name: 'num',
  decode(s) {
    // Number('') is 0, whose form '0' is not '': the check below refuses it.
    if (s.length > 32) return undefined
    const n = Number(s)
    return Number.isFinite(n) && String(n) === s ? n : undefined
  },
  encode(v) {
    if (!Number.isFinite(v)) throw new KindEncodeError(`num cannot encode ${show(v)}: not finite`)
    // String(-0) is '0', so -0 and 0 share a form; decode gives 0, which === -0.
    return String(v)
  },
}

/** `bool` is `true` or `false`, spelled so. */
export const bool: Codec<boolean> = {
  name: 'bool',
  decode: (s) => (s === 'true' ? true : s === 'false' ? false : undefined),
  encode(v) {
    if (typeof v !== 'boolean') throw new KindEncodeError(`bool cannot encode a ${typeof v}`)
    return v ? 'true' : 'false'
  },
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** `uuid` is an RFC 9562 UUID in its canonical lower-case form. */
export const uuid: Codec<string> = {
  name: 'uuid',
  decode: (s) => (UUID.test(s) ? s : undefined),
  encode(v) {
    // RegExp#test would turn a non-string into one, and a Symbol throws there.
    if (typeof v !== 'string' || !UUID.test(v))
      throw new KindEncodeError(`uuid cannot encode ${show(v)}`)
    return v
  },
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** `date` is a calendar day `YYYY-MM-DD`, as a `Date` at midnight UTC. */
export const date: Codec<Date> = {
  name: 'date',
  decode(s) {
    const m = DAY.exec(s)
    if (!m) return undefined
    // Not Date.UTC: it reads years 0-99 as 1900-1999 (ECMA-262 §21.4.3.4, MakeFullYear);
    // setUTCFullYear takes the year as given.
    const d = new Date(0)
    d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    // 2024-02-30 rolls over to March; only a real day survives the round trip.
    return d.toISOString().startsWith(s) ? d : undefined
  },
  encode(v) {
    // Date.prototype.getTime reads the time value of a real Date, one of another realm (an
    // iframe, node:vm) included, and throws a TypeError for anything else (ECMA-262 §21.4.4.10,
    // thisTimeValue): a Symbol.toStringTag of 'Date' or an object made from Date.prototype pass
    // instanceof or the tag, not this. The value's own methods are never called.
    let t: number
    try {
      t = Date.prototype.getTime.call(v)
    } catch {
      throw new KindEncodeError(`date cannot encode ${show(v)}: not a Date`)
    }
    if (Number.isNaN(t)) throw new KindEncodeError('date cannot encode an Invalid Date')
    if (t % 86_400_000 !== 0) throw new KindEncodeError('date encodes a Date at midnight UTC only')
    const iso = new Date(t).toISOString()
    if (iso.length !== 24) throw new KindEncodeError('date encodes years 0000 to 9999 only')
    return iso.slice(0, 10)
  },
}

/** `oneOf(...values)` is one of the given strings, exactly. */
export function oneOf<const V extends readonly [string, ...string[]]>(
  ...values: V
): Codec<V[number]> {
  const set = new Set<string>(values)
  return {
    name: `oneOf(${values.join('|')})`,
    decode: (s) => (set.has(s) ? (s as V[number]) : undefined),
    encode(v) {
      if (!set.has(v)) throw new KindEncodeError(`${show(v)} is not one of ${values.join(', ')}`)
      return v
    },
  }
}

/**
 * `show(v)` is how an error message names a refused value without calling into it: `String` of a
 * fake Date throws (Date.prototype.toString checks its receiver), and a Symbol has no string form.
 */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'object') return v === null ? 'null' : 'an object'
  return typeof v === 'function' || typeof v === 'symbol' ? `a ${typeof v}` : String(v)
}
