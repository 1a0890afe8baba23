const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const day = `(${DAYS.join('|')})`
const month = `(${MONTHS.join('|')})`
const time = '(\\d{2}):(\\d{2}):(\\d{2})'
// RFC 9110 §5.6.7, case-sensitive as its grammar is.
// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
const IMF_FIXDATE = new RegExp(`^${day}, (\\d{2}) ${month} (\\d{4}) ${time} GMT$`)
// obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`
const RFC850 = new RegExp(`^(${LONG_DAYS.join('|')}), (\\d{2})-${month}-(\\d{2}) ${time} GMT$`)
// asctime: `Sun Nov  6 08:49:37 1994`, the day of the month padded with a space or a zero
const ASCTIME = new RegExp(`^${day} ${month} ( \\d|\\d{2}) ${time} (\\d{4})$`)

/** The fields of an HTTP-date, as written: weekday 0-6 from Sunday, month 0-11. */
interface DateFields {
  weekday: number
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/**
 * `parseHttpDate(value)` is the time in `value` in milliseconds since the epoch (whole seconds),
 * or `undefined` when it is not a valid HTTP-date. RFC 9110 §5.6.7 requires accepting
 * IMF-fixdate, the obsolete RFC 850 form and asctime, all in GMT and case-sensitive. Invalid
 * dates are refused rather than rolled over, so the conditional fields that carry them are
 * ignored, as RFC 9110 §13.1.3 and §13.1.4 require: a weekday that is not the date's, a day the
 * month does not have (Feb 31, Feb 29 of a common year), an hour past 23, a minute past 59, a
 * second past 60 (60 is a leap second, read as the next one, as POSIX time does). An RFC 850
 * two-digit year that would lie more than 50 years ahead is the latest past year with those digits.
 */
export function parseHttpDate(value: string | null): number | undefined {
  if (!value) return undefined
  const fields = readFields(value.trim())
  if (fields === undefined) return undefined
  const { weekday, year, month, day, hour, minute, second } = fields
  if (hour > 23 || minute > 59 || second > 60) return undefined
  // setUTCFullYear, unlike Date.UTC, takes years 0-99 as they are rather than as 1900-1999.
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  // A day the month lacks rolls over into the next month: refuse it.
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day) return undefined
  if (date.getUTCDay() !== weekday) return undefined
  date.setUTCHours(hour, minute, second)
  return date.getTime()
}

/** The fields of `v` in whichever of the three forms it is written, or `undefined`. */
function readFields(v: string): DateFields | undefined {
  let m = IMF_FIXDATE.exec(v)
  if (m) {
    const [, wd, d, mon, y, h, mi, s] = m
    return toFields(DAYS.indexOf(wd!), Number(y), mon!, d!, h!, mi!, s!)
  }
  m = RFC850.exec(v)
  if (m) {
    const [, wd, d, mon, yy, h, mi, s] = m
    const parsed = toFields(LONG_DAYS.indexOf(wd!), 0, mon!, d!, h!, mi!, s!)
    parsed.year = fullYear(Number(yy), parsed)
    return parsed
  }
  m = ASCTIME.exec(v)
  if (m) {
    const [, wd, mon, d, h, mi, s, y] = m
    return toFields(DAYS.indexOf(wd!), Number(y), mon!, d!.trim(), h!, mi!, s!)
  }
  return undefined
}

function toFields(
  weekday: number,
  year: number,
  month: string,
  day: string,
  hour: string,
  minute: string,
  second: string,
): DateFields {
  return {
    weekday,
    year,
    month: MONTHS.indexOf(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  }
}

/**
 * The year of an RFC 850 date with two-digit year `yy` (RFC 9110 §5.6.7): in the current
 * century, unless the date would then appear more than 50 years in the future, in which case it is
 * the most recent past year with the same last two digits.
 */
function fullYear(yy: number, f: DateFields): number {
  const now = new Date()
  const year = Math.floor(now.getUTCFullYear() / 100) * 100 + yy
  const limit = new Date(now.getTime())
  limit.setUTCFullYear(now.getUTCFullYear() + 50)
  const candidate = Date.UTC(year, f.month, f.day, f.hour, f.minute, f.second)
  return candidate > limit.getTime() ? year - 100 : year
}

/** `formatHttpDate(ms)` is the IMF-fixdate of `ms` (`Sun, 06 Nov 1994 08:49:37 GMT`). */
export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString()
}
