// @ferry/kind's percent-encoding checked against the Web Platform Tests URL data (see README.md):
// every WPT case here parses, and its expected `pathname` is what a WHATWG URL parser hands a server.
import {
  decodeSegment,
  encodeSegment,
  joinPath,
  KindEncodeError,
  kind,
  splitPath,
  toBare,
} from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import data from './urltestdata.json'

/** One WPT URL test entry, trimmed to the fields this suite reads. */
interface WptCase {
  readonly input: string
  readonly base: string | null
  readonly href: string
  readonly pathname: string
  readonly search: string
}

/** A WPT case with a test name and the segments WPT's pathname stands for. */
interface Case extends WptCase {
  readonly name: string
  /** `pathname.split('/').slice(1).map(decodeURIComponent)`, or `undefined` when that throws. */
  readonly segments: string[] | undefined
}

function wptSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent)
  } catch {
    // decodeURIComponent throws URIError on a malformed escape (ECMA-262, the Decode abstract operation).
    return undefined
  }
}

const cases: Case[] = (data as WptCase[]).map((c) => ({
  ...c,
  name: `${JSON.stringify(c.input)} against ${c.base ?? 'no base'} (${c.pathname})`,
  segments: wptSegments(c.pathname),
}))

/** A case whose path segments all decode. */
type Decodable = Case & { readonly segments: string[] }
const decodable = cases.filter((c): c is Decodable => c.segments !== undefined)
const malformed = cases.filter((c) => c.segments === undefined)

// The WHATWG URL parser drops `.` and `..` segments (and `%2e` spellings of them) by design
// (URL Standard §4.4, path state), so a path holding one cannot survive a round trip.
const isDot = (s: string) => s === '.' || s === '..'
const noDots = decodable.filter((c) => !c.segments.some(isDot))

// A path whose first of several segments is empty (`//@`) would serialize as `//...`, which every
// URL parser reads as a host (RFC 3986 §4.2 network-path reference): @ferry/kind refuses such paths
// both ways on purpose (joinPath throws, the kind answers `none`), so they get their own table.
const startsEmpty = (c: Decodable) => c.segments.length > 1 && c.segments[0] === ''
const rooted = noDots.filter((c) => !startsEmpty(c))
const hostLike = noDots.filter(startsEmpty)

// A raw `\` in a non-special URL's pathname (`non-special:/\path`) is a path separator once the
// same text is put under `http:` (URL Standard §4.4, path start state), so it names another http
// path: feeding it to `http://h` tests the parser, not the kind.
const httpSafe = rooted.filter((c) => !c.pathname.includes('\\'))

describe('WPT URL data: the fixture', () => {
  it('holds the WPT cases this suite needs, with both escapes that decode and that do not', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
    expect(decodable.length).toBeGreaterThan(0)
    expect(malformed.length).toBeGreaterThan(0)
    expect(hostLike.length).toBeGreaterThan(0)
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })
})

describe('WPT URL data: splitPath(pathname)', () => {
  it.each(cases)('decodes the segments of $name', ({ pathname, segments }) => {
    expect(splitPath(pathname)).toEqual(segments)
  })
})

describe('WPT URL data: toBare refuses a malformed escape', () => {
  it.each(malformed)('has no bare request for $name', ({ pathname }) => {
    expect(toBare('GET', `http://h${pathname}`)).toBeUndefined()
  })
})

describe('WPT URL data: joinPath(segments) is left alone by the URL parser', () => {
  it.each(rooted)('round-trips $name', ({ segments }) => {
    const path = joinPath(segments)
    const parsed = new URL(path, 'http://h')
    expect(parsed.pathname).toBe(path)
    expect(splitPath(parsed.pathname)).toEqual(segments)
    for (const s of segments) expect(decodeSegment(encodeSegment(s))).toBe(s)
  })
})

describe("WPT URL data: kind('GET /*path')", () => {
  const k = kind('GET /*path')

  it.each(httpSafe)('matches and links $name', ({ pathname, segments }) => {
    const bare = toBare('GET', `http://h${pathname}`)
    expect(bare).toBeDefined()
    expect(k.decode(bare!)).toEqual({ outcome: 'match', value: { path: segments } })

    const href = k.href({ path: segments })
    const back = toBare('GET', href)
    expect(back).toBeDefined()
    expect(k.decode(back!)).toEqual({ outcome: 'match', value: { path: segments } })
  })
})

describe('WPT URL data: a path that starts with an empty segment', () => {
  const k = kind('GET /*path')

  it.each(hostLike)('is refused both ways for $name', ({ pathname, segments }) => {
    expect(() => joinPath(segments)).toThrow(KindEncodeError)
    expect(() => k.href({ path: segments })).toThrow(KindEncodeError)
    const bare = toBare('GET', `http://h${pathname}`)
    expect(bare?.path).toEqual(segments)
    expect(k.decode(bare!)).toEqual({ outcome: 'none' })
  })
})
