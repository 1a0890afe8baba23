const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/
const RFC850 = /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/

/**
 * `parseHttpDate(value)` is the time in `value` in milliseconds since the epoch, truncated to whole
 * seconds, or `undefined` when it is not an HTTP-date. RFC 9110 §5.6.7 requires accepting
 * IMF-fixdate, the obsolete RFC 850 form and asctime; `Date.parse` reads all three on every runtime.
 */
export function parseHttpDate(value: string | null): number | undefined {
  if (!value) return undefined
  const v = value.trim()
  // Anything else Date.parse would accept (ISO strings, bare numbers) is not an HTTP-date.
  if (!IMF_FIXDATE.test(v) && !RFC850.test(v) && !ASCTIME.test(v)) return undefined
  const ms = Date.parse(v.endsWith('GMT') ? v : `${v} GMT`)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000) * 1000
}

/** `formatHttpDate(ms)` is the IMF-fixdate of `ms` (`Sun, 06 Nov 1994 08:49:37 GMT`). */
export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString()
}
