/**
 * Limits on a multipart body. Each is enforced while the body streams, before the bytes it
 * counts are buffered; going over one answers 413 with `limit` set to the option's name.
 */
export interface MultipartLimits {
  /** Most bytes in the whole body, counted as they arrive (default 64 MiB). */
  bodySize?: number
  /** Most parts, fields and files together (default 1,000). */
  parts?: number
  /**
   * Most file parts (parts with a `filename`, or declared with `file()`) (default 20). A file
   * input left empty (an empty `filename` and no content) is no file and does not count.
   */
  files?: number
  /** Most bytes in one part's header section (default 8 KiB). */
  headerSize?: number
  /** Most header fields (lines) in one part's header section (default 32). */
  headerPairs?: number
  /** Most bytes in one field part's body (default 1 MiB). */
  fieldSize?: number
  /** Most bytes in one file part's body (default 16 MiB; `file({ maxSize })` overrides it). */
  fileSize?: number
}

const KiB = 1024
const MiB = 1024 * KiB

/** The default multipart limits. */
export const MULTIPART_DEFAULTS: Readonly<Required<MultipartLimits>> = Object.freeze({
  bodySize: 64 * MiB,
  parts: 1000,
  files: 20,
  headerSize: 8 * KiB,
  headerPairs: 32,
  fieldSize: 1 * MiB,
  fileSize: 16 * MiB,
})

/**
 * `resolveLimits(limits)` is `limits` with every missing entry set to its default; it throws a
 * `RangeError` for an entry that is not a number >= 0 (see `checkLimit`).
 */
export function resolveLimits(limits: MultipartLimits = {}): Required<MultipartLimits> {
  const out = { ...MULTIPART_DEFAULTS }
  for (const key of Object.keys(out) as (keyof MultipartLimits)[]) {
    const value = checkLimit(`multipart limit ${key}`, limits[key])
    if (value !== undefined) out[key] = value
  }
  return out
}

/**
 * `checkLimit(what, value)` is `value`, a limit set in options (`undefined` keeps the default), or
 * throws a `RangeError` naming `what` when it is not a number >= 0. A `NaN` (`Number()` of an
 * unset environment variable) compares false with every size, so it would turn the limit off.
 */
export function checkLimit(what: string, value: number | undefined): number | undefined {
  if (value !== undefined && !(value >= 0)) {
    throw new RangeError(`${what} must be a number >= 0, got ${value}`)
  }
  return value
}
