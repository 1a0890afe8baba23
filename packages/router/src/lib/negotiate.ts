import { mediaTypeMatches } from './media-type.js'

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/

/**
 * `acceptable(accept, produces)` is whether any of the media types a route `produces` is acceptable
 * under the request's `Accept` header (RFC 9110 §12.5.1): a media range with `q=0` refuses, an
 * absent or empty header accepts everything, and a malformed range (a weight that is no qvalue
 * included) is ignored.
 */
export function acceptable(accept: string | null, produces: readonly string[]): boolean {
  if (accept === null || accept.trim() === '') return true
  const ranges: { range: string; q: number }[] = []
  for (const part of accept.split(',')) {
    const [rawRange, ...params] = part.split(';')
    const range = rawRange!.trim().toLowerCase()
    if (!range.includes('/')) continue
    let q = 1
    for (const p of params) {
      const [k, v] = p.split('=')
      // `Number` reads '', '-1' and '0x0' too: only a qvalue (RFC 9110 §12.4.2) is a weight.
      if (k?.trim().toLowerCase() === 'q') q = QVALUE.test(v?.trim() ?? '') ? Number(v) : Number.NaN
    }
    if (Number.isNaN(q)) continue
    ranges.push({ range, q })
  }
  if (ranges.length === 0) return true
  for (const type of produces) {
    // The most specific range that covers `type` decides its q (RFC 9110 §12.5.1).
    let best: { range: string; q: number } | undefined
    for (const r of ranges) {
      if (!covers(r.range, type)) continue
      if (!best || specificity(r.range) > specificity(best.range)) best = r
    }
    if (best && best.q > 0) return true
  }
  return false
}

function covers(range: string, type: string): boolean {
  return (
    range === '*/*' || range === type || (range.endsWith('/*') && mediaTypeMatches(type, range))
  )
}

function specificity(range: string): number {
  return range === '*/*' ? 0 : range.endsWith('/*') ? 1 : 2
}
