import { toBase64Url } from './base64url'
/** An entity tag as RFC 9110 §8.8.3 defines it: an opaque quoted string, possibly weak. */
export interface EntityTag {
  /** Whether the tag carries the `W/` weakness indicator. */
  readonly weak: boolean
  /** The opaque tag, without quotes. */
  readonly opaque: string
}

// etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3): anything visible except `"`.
const ETAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/

/** `parseEntityTag(value)` is the entity tag in `value`, or `undefined` when it is not one. */
export function parseEntityTag(value: string): EntityTag | undefined {
  const m = ETAG.exec(value.trim())
  if (!m) return undefined
  return { weak: m[1] !== undefined, opaque: m[2]! }
}

/**
 * `parseEntityTagList(value)` is the `If-Match` / `If-None-Match` field `value` as `'*'` or a list
 * of entity tags, or `undefined` when any member is malformed (RFC 9110 §13.1.1: a recipient then
 * ignores the field rather than guessing).
 */
export function parseEntityTagList(value: string): '*' | EntityTag[] | undefined {
  const trimmed = value.trim()
  if (trimmed === '*') return '*'
  const out: EntityTag[] = []
  // A comma may sit inside a quoted tag, so split by scanning tag by tag.
  let i = 0
  while (i < trimmed.length) {
    while (trimmed[i] === ' ' || trimmed[i] === '\t' || trimmed[i] === ',') i++
    if (i >= trimmed.length) break
    const start = i
    if (trimmed.startsWith('W/', i)) i += 2
    if (trimmed[i] !== '"') return undefined
    const close = trimmed.indexOf('"', i + 1)
    if (close === -1) return undefined
    const tag = parseEntityTag(trimmed.slice(start, close + 1))
    if (!tag) return undefined
    out.push(tag)
    i = close + 1
    while (trimmed[i] === ' ' || trimmed[i] === '\t') i++
    if (i < trimmed.length && trimmed[i] !== ',') return undefined
  }
  return out.length > 0 ? out : undefined
}

/** `formatEntityTag(tag)` is the field value of `tag` (`"abc"` or `W/"abc"`). */
export function formatEntityTag(tag: EntityTag): string {
  return `${tag.weak ? 'W/' : ''}"${tag.opaque}"`
}

/** Strong comparison (RFC 9110 §8.8.3.2): both strong and the same opaque tag. */
export function strongMatch(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque
}

/** Weak comparison (RFC 9110 §8.8.3.2): the same opaque tag, weakness ignored. */
export function weakMatch(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque
}

/** `weaken(value)` is the ETag field `value` made weak (unchanged when already weak or invalid). */
export function weaken(value: string): string {
  const tag = parseEntityTag(value)
  return tag && !tag.weak ? formatEntityTag({ weak: true, opaque: tag.opaque }) : value
}

/**
 * `hashETag(bytes, weak)` is a strong (or weak) ETag naming exactly `bytes`: the SHA-256 digest
 * (WebCrypto, so every runtime agrees) cut to 128 bits, base64url-encoded.
 */
export async function hashETag(bytes: Uint8Array, weak = false): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>),
  )
  return formatEntityTag({ weak, opaque: toBase64Url(digest.subarray(0, 16)) })
}

/**
 * `statETag(size, mtimeMs)` is the strong ETag a file source gives a file of `size` bytes last
 * modified at `mtimeMs` (`"<size hex>-<mtime hex>"`, the shape nginx uses).
 */
export function statETag(size: number, mtimeMs: number): string {
  return `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`
}
