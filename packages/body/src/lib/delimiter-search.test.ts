import { describe, expect, it } from 'vitest'
import { DelimiterSearch } from './delimiter-search.js'

const encoder = new TextEncoder()
const NEEDLE = '\r\n--XyZ'

/** The segments of `input` split at every `NEEDLE`, as `index:text`, empty ones left out. */
function reference(input: string): string[] {
  return input
    .split(NEEDLE)
    .map((text, index) => `${index}:${text}`)
    .filter((s) => !s.endsWith(':'))
}

/** What the search hands over for `input` cut at `cuts`, adjacent segments of one index joined. */
function searched(input: string, cuts: number[]): string[] {
  const out: { index: number; text: string }[] = []
  const search = new DelimiterSearch(encoder.encode(NEEDLE), (index, bytes) => {
    expect(bytes.length).toBeGreaterThan(0)
    const text = new TextDecoder().decode(bytes)
    const last = out[out.length - 1]
    if (last?.index === index) last.text += text
    else out.push({ index, text })
  })
  const bytes = encoder.encode(input)
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    search.write(bytes.subarray(from, cut))
    from = cut
  }
  search.end()
  return out.map((s) => `${s.index}:${s.text}`)
}

/** Cut points: every byte, none, and a few seeded random chunkings. */
function chunkings(length: number): [string, number[]][] {
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  const randomCuts = (max: number) => {
    const cuts: number[] = []
    for (
      let at = 1 + Math.floor(random() * max);
      at < length;
      at += 1 + Math.floor(random() * max)
    ) {
      cuts.push(at)
    }
    return cuts
  }
  return [
    ['whole', []],
    ['one byte per chunk', Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1)],
    ['random up to 3 bytes', randomCuts(3)],
    ['random up to 9 bytes', randomCuts(9)],
    ['random up to 40 bytes', randomCuts(40)],
  ]
}

const long = 'a'.repeat(700)

describe('DelimiterSearch splits at every delimiter, however the input is chunked', () => {
  it.each([
    ['a plain body', `pre${NEEDLE}\r\nhead\r\n\r\nvalue${NEEDLE}--\r\n`],
    ['delimiters back to back', `${NEEDLE}${NEEDLE}x${NEEDLE}`],
    ['near misses', `\r\n--Xy\r\n--XyZ\r\r\n-${NEEDLE}\r\n--X`],
    ['a body ending in a partial delimiter', `abc\r\n--Xy`],
    ['a match past the JavaScript window', `${long}${NEEDLE}${long}\r\n--XyQ${NEEDLE}tail`],
    ['only a partial delimiter', '\r\n-'],
    ['no delimiter', 'just bytes'],
  ])('%s', (_name, input) => {
    for (const [how, cuts] of chunkings(encoder.encode(input).length)) {
      expect(searched(input, cuts), how).toEqual(reference(input))
    }
  })
})
