import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { evaluatePreconditions, ifRangeAllows } from './conditional'
import { parseEntityTagList, weaken } from './entity-tag'
import { formatHttpDate, parseHttpDate } from './http-date'

const T = Date.UTC(2026, 0, 1, 12, 0, 0)
const v = { etag: '"abc"', lastModified: T + 400 }
const req = (headers: Record<string, string>, method = 'GET') =>
  new Request('http://x.test/', { method, headers })

describe('evaluatePreconditions', () => {
  it.each([
    ['no conditions', {}, 'GET', 'proceed'],
    ['If-None-Match matches', { 'if-none-match': '"abc"' }, 'GET', 'not-modified'],
    ['If-None-Match matches weakly', { 'if-none-match': 'W/"abc"' }, 'GET', 'not-modified'],
    ['If-None-Match in a list', { 'if-none-match': '"x", "abc"' }, 'HEAD', 'not-modified'],
    ['If-None-Match differs', { 'if-none-match': '"x"' }, 'GET', 'proceed'],
    ['If-None-Match * on an unsafe method', { 'if-none-match': '*' }, 'PUT', 'failed'],
    ['If-None-Match matches on POST', { 'if-none-match': '"abc"' }, 'POST', 'failed'],
    ['If-Match differs', { 'if-match': '"x"' }, 'PUT', 'failed'],
    ['If-Match weak never matches strongly', { 'if-match': 'W/"abc"' }, 'PUT', 'failed'],
    ['If-Match matches', { 'if-match': '"abc"' }, 'PUT', 'proceed'],
    ['If-Match *', { 'if-match': '*' }, 'DELETE', 'proceed'],
    ['If-Modified-Since equal', { 'if-modified-since': formatHttpDate(T) }, 'GET', 'not-modified'],
    [
      'If-Modified-Since earlier',
      { 'if-modified-since': formatHttpDate(T - 1000) },
      'GET',
      'proceed',
    ],
    [
      'If-Modified-Since ignored on POST',
      { 'if-modified-since': formatHttpDate(T) },
      'POST',
      'proceed',
    ],
    ['If-Modified-Since not a date', { 'if-modified-since': '2026-01-01' }, 'GET', 'proceed'],
    // RFC 9110 §13.1.3: an invalid HTTP-date is ignored, not read as some other day. T is a
    // Thursday; Feb 31 would have been read as Mar 3, after it.
    [
      'If-Modified-Since with the wrong weekday',
      { 'if-modified-since': 'Mon, 01 Jan 2026 12:00:00 GMT' },
      'GET',
      'proceed',
    ],
    [
      'If-Modified-Since on a day that does not exist',
      { 'if-modified-since': 'Sat, 31 Feb 2026 00:00:00 GMT' },
      'GET',
      'proceed',
    ],
    [
      'If-Unmodified-Since on a day that does not exist',
      { 'if-unmodified-since': 'Sun, 30 Feb 2025 00:00:00 GMT' },
      'PUT',
      'proceed',
    ],
    [
      'If-Unmodified-Since earlier',
      { 'if-unmodified-since': formatHttpDate(T - 1000) },
      'PUT',
      'failed',
    ],
    ['If-Unmodified-Since equal', { 'if-unmodified-since': formatHttpDate(T) }, 'PUT', 'proceed'],
    // RFC 9110 §13.2.2: If-Match decides and If-Unmodified-Since is not evaluated.
    [
      'If-Match wins over If-Unmodified-Since',
      { 'if-match': '"abc"', 'if-unmodified-since': formatHttpDate(T - 1000) },
      'PUT',
      'proceed',
    ],
    // Conflicting validators: If-None-Match says changed, If-Modified-Since says not; INM wins.
    [
      'If-None-Match differs, If-Modified-Since would match',
      { 'if-none-match': '"old"', 'if-modified-since': formatHttpDate(T) },
      'GET',
      'proceed',
    ],
    [
      'If-None-Match matches, If-Modified-Since says modified',
      { 'if-none-match': '"abc"', 'if-modified-since': formatHttpDate(T - 60_000) },
      'GET',
      'not-modified',
    ],
    [
      'If-Match fails before If-None-Match',
      { 'if-match': '"x"', 'if-none-match': '"abc"' },
      'GET',
      'failed',
    ],
    ['a malformed If-None-Match is ignored', { 'if-none-match': 'abc' }, 'GET', 'proceed'],
    ['a malformed If-Match is ignored', { 'if-match': '"abc' }, 'PUT', 'proceed'],
  ])('%s', (_name, headers, method, expected) => {
    expect(evaluatePreconditions(req(headers, method), v)).toBe(expected)
  })

  it('treats * as "no current representation" when there are no validators', () => {
    expect(evaluatePreconditions(req({ 'if-match': '*' }, 'PUT'), {})).toBe('failed')
    expect(evaluatePreconditions(req({ 'if-none-match': '*' }, 'PUT'), {})).toBe('proceed')
  })
})

describe('ifRangeAllows', () => {
  it.each([
    ['no If-Range', {}, true],
    ['a strongly matching tag', { 'if-range': '"abc"' }, true],
    ['a weak tag', { 'if-range': 'W/"abc"' }, false],
    ['another tag', { 'if-range': '"x"' }, false],
    ['the exact date', { 'if-range': formatHttpDate(T) }, true],
    ['another date', { 'if-range': formatHttpDate(T + 1000) }, false],
    ['garbage', { 'if-range': 'yesterday' }, false],
  ])('%s', (_n, headers, expected) => {
    expect(ifRangeAllows(req(headers), v)).toBe(expected)
  })
})

describe('entity tags and dates', () => {
  it('parses lists with commas inside tags and refuses malformed ones', () => {
    expect(parseEntityTagList('"a,b", W/"c"')).toEqual([
      { weak: false, opaque: 'a,b' },
      { weak: true, opaque: 'c' },
    ])
    expect(parseEntityTagList('"a" "b"')).toBeUndefined()
    expect(parseEntityTagList('W/ "a"')).toBeUndefined()
  })
  it('weakens a strong tag once', () => {
    expect(weaken('"a"')).toBe('W/"a"')
    expect(weaken('W/"a"')).toBe('W/"a"')
  })
  it.each([
    // The three forms RFC 9110 §5.6.7 requires a recipient to read.
    ['Sun, 06 Nov 1994 08:49:37 GMT', 784111777000],
    ['Sun Nov  6 08:49:37 1994', 784111777000],
    ['Sun Nov 06 08:49:37 1994', 784111777000],
    ['Thu, 29 Feb 2024 00:00:00 GMT', Date.UTC(2024, 1, 29)],
    // Years under 100 are not read as 19xx (as Date.UTC would).
    ['Sat, 01 Jan 0000 00:00:00 GMT', -62167219200000],
    // A leap second (the grammar allows :60) is the second after :59, as in POSIX time.
    ['Sat, 31 Dec 2016 23:59:60 GMT', Date.UTC(2017, 0, 1)],
    ['784111777', undefined],
    ['1994-11-06T08:49:37Z', undefined],
    // Wrong weekdays.
    ['Mon, 06 Nov 1994 08:49:37 GMT', undefined],
    ['Mon Nov  6 08:49:37 1994', undefined],
    ['Sunday, 06 Nov 1994 08:49:37 GMT', undefined],
    // Days, hours, minutes and seconds that do not exist (RFC 850 ones below, on a fixed clock).
    ['Sat, 31 Feb 2024 08:49:37 GMT', undefined],
    ['Wed, 29 Feb 2023 00:00:00 GMT', undefined],
    ['Thu, 31 Nov 1994 08:49:37 GMT', undefined],
    ['Sat, 00 Nov 1994 08:49:37 GMT', undefined],
    ['Mon, 07 Nov 1994 24:00:00 GMT', undefined],
    ['Sun, 06 Nov 1994 08:60:00 GMT', undefined],
    ['Sun, 06 Nov 1994 08:49:61 GMT', undefined],
    ['Thu Nov 31 08:49:37 1994', undefined],
    // HTTP-date is case-sensitive (RFC 9110 §5.6.7) and says GMT.
    ['sun, 06 nov 1994 08:49:37 GMT', undefined],
    ['Sun, 06 NOV 1994 08:49:37 GMT', undefined],
    ['Sun, 06 Nov 1994 08:49:37 UTC', undefined],
    ['Sun, 06 Nov 1994 08:49:37 gmt', undefined],
  ])('parses the HTTP-date %j', (text, ms) => {
    expect(parseHttpDate(text)).toBe(ms)
  })

  // The century of an RFC 850 date depends on today's date, so these run on a fixed clock.
  describe('with an RFC 850 two-digit year, in 2026', () => {
    beforeEach(() => {
      vi.useFakeTimers({ now: Date.UTC(2026, 5, 1) })
    })
    afterEach(() => {
      vi.useRealTimers()
    })
    // RFC 9110 §5.6.7: a year that appears more than 50 years ahead is the most recent past year
    // with the same last two digits; the weekday must hold for the year so chosen.
    it.each([
      ['Sunday, 06-Nov-94 08:49:37 GMT', 784111777000],
      ['Monday, 06-Nov-94 08:49:37 GMT', undefined],
      ['Thursday, 31-Nov-94 08:49:37 GMT', undefined],
      ['Wednesday, 01-Jan-25 00:00:00 GMT', Date.UTC(2025, 0, 1)],
      ['Wednesday, 01-Jan-70 00:00:00 GMT', Date.UTC(2070, 0, 1)],
      ['Thursday, 01-Jan-70 00:00:00 GMT', undefined],
      ['Wednesday, 01-Jan-76 00:00:00 GMT', Date.UTC(2076, 0, 1)],
      ['Saturday, 01-Jan-77 00:00:00 GMT', Date.UTC(1977, 0, 1)],
    ])('reads %j', (text, ms) => {
      expect(parseHttpDate(text)).toBe(ms)
    })
  })
})
