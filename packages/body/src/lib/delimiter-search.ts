/** Receives the bytes between delimiters: `index` is how many delimiters came before them. */
export type SegmentSink = (index: number, bytes: Uint8Array) => void

interface BufferClass {
  prototype: { indexOf(this: Uint8Array, value: Uint8Array, from: number): number }
}

// Node's `Buffer#indexOf` is a C++ Boyer-Moore-Horspool, faster than one in JavaScript over a
// 64 KiB chunk (7 against 8.5 µs on random bytes, 2026-11-21); Bun and Deno emulate Buffer, so
// they get the JavaScript search (as multipasta does).
const bufferIndexOf =
  'Bun' in globalThis || 'Deno' in globalThis
    ? undefined
    : (globalThis as { Buffer?: BufferClass }).Buffer?.prototype.indexOf

/** Parts of a form are often short: the next delimiter is looked for here first, in JavaScript. */
const NEAR = 512

/**
 * A `DelimiterSearch` splits a stream of chunks at every occurrence of `needle`, calling `sink`
 * with the bytes between them (never empty, views into the chunks where possible). A delimiter
 * that straddles chunks is found by holding at most `needle.length - 1` bytes back; unlike
 * multipasta's `Search`, whose contract it keeps, it never copies a whole chunk to do so.
 */
export class DelimiterSearch {
  readonly #needle: Uint8Array
  readonly #sink: SegmentSink
  /** Boyer-Moore-Horspool shift for each byte value, by the needle's last byte. */
  readonly #skip: Uint8Array
  /** Bytes held back: a prefix of the needle that ended the last chunk. */
  #held: Uint8Array | undefined
  #index = 0

  constructor(needle: Uint8Array, sink: SegmentSink) {
    this.#needle = needle
    this.#sink = sink
    const last = needle.length - 1
    this.#skip = new Uint8Array(256).fill(Math.min(255, needle.length))
    for (let i = 0; i < last; i++) this.#skip[needle[i]!] = Math.min(255, last - i)
  }

  write(chunk: Uint8Array): void {
    let from = 0
    if (this.#held) {
      from = this.#straddle(this.#held, chunk)
      if (from < 0) return
    }
    this.#scan(chunk, from)
  }

  /** Hands over the bytes held back: the stream ended without completing a delimiter. */
  end(): void {
    const held = this.#held
    this.#held = undefined
    if (held) this.#sink(this.#index, held)
  }

  /**
   * Resolves the `held` bytes against the start of `chunk`: the offset in `chunk` to scan from,
   * or -1 when `chunk` was taken whole and bytes are still held.
   */
  #straddle(held: Uint8Array, chunk: Uint8Array): number {
    const n = this.#needle.length
    const joined = new Uint8Array(held.length + Math.min(chunk.length, n - 1))
    joined.set(held)
    joined.set(chunk.subarray(0, joined.length - held.length), held.length)
    this.#held = undefined
    for (let p = 0; p < held.length; p++) {
      const k = this.#prefixAt(joined, p)
      if (k === n) {
        if (p > 0) this.#sink(this.#index, held.subarray(0, p))
        this.#index++
        return p + n - held.length
      }
      // A prefix of the needle runs to the end of a chunk shorter than the needle: hold it
      // again. (With `n - 1` bytes of the chunk in `joined`, a prefix that long is a match.)
      if (k === joined.length - p && joined.length - held.length === chunk.length) {
        if (p > 0) this.#sink(this.#index, held.subarray(0, p))
        this.#held = joined.subarray(p)
        return -1
      }
    }
    this.#sink(this.#index, held)
    return 0
  }

  /** How many bytes of the needle match `bytes` from `at` (up to the end of `bytes`). */
  #prefixAt(bytes: Uint8Array, at: number): number {
    const needle = this.#needle
    const max = Math.min(needle.length, bytes.length - at)
    let k = 0
    while (k < max && bytes[at + k] === needle[k]) k++
    return k
  }

  #scan(chunk: Uint8Array, from: number): void {
    const n = this.#needle.length
    const length = chunk.length
    let pos = from
    for (;;) {
      const match = this.#find(chunk, pos)
      if (match === -1) break
      if (match > pos) this.#sink(this.#index, chunk.subarray(pos, match))
      this.#index++
      pos = match + n
    }
    // Hold back the longest end of the chunk that starts the needle.
    let cut = length
    for (let k = Math.max(pos, length - n + 1); k < length; k++) {
      if (chunk[k] === this.#needle[0] && this.#prefixAt(chunk, k) === length - k) {
        cut = k
        break
      }
    }
    if (cut > pos)
      this.#sink(this.#index, pos === 0 && cut === length ? chunk : chunk.subarray(pos, cut))
    if (cut < length) this.#held = chunk.slice(cut)
  }

  /** The first full match at or after `from`, or -1. */
  #find(chunk: Uint8Array, from: number): number {
    if (bufferIndexOf === undefined) return this.#horspool(chunk, from, chunk.length)
    const near = this.#horspool(chunk, from, Math.min(chunk.length, from + NEAR))
    if (near !== -1 || from + NEAR >= chunk.length) return near
    // Matches ending before `from + NEAR` were looked for above.
    return bufferIndexOf.call(chunk, this.#needle, from + NEAR - this.#needle.length + 1)
  }

  /** Boyer-Moore-Horspool for a match that starts at or after `from` and ends by `to`. */
  #horspool(chunk: Uint8Array, from: number, to: number): number {
    const needle = this.#needle
    const skip = this.#skip
    const last = needle.length - 1
    const lastByte = needle[last]!
    for (let i = from + last; i < to; ) {
      const byte = chunk[i]!
      if (byte === lastByte) {
        let j = last - 1
        let k = i - 1
        while (j >= 0 && chunk[k] === needle[j]) {
          j--
          k--
        }
        if (j < 0) return k + 1
      }
      i += skip[byte]!
    }
    return -1
  }
}
