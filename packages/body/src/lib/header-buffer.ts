const CR = 13
const LF = 10

/**
 * A `HeaderBuffer` collects one part's header section, which may straddle chunks, up to `max`
 * bytes (its blank line included). A section that lies whole in one chunk is not copied.
 */
export class HeaderBuffer {
  readonly max: number
  /** The last complete section `read` found (a view: valid until the next `read`). */
  section: Uint8Array = new Uint8Array(0)
  #bytes = new Uint8Array(0)
  #length = 0

  constructor(max: number) {
    this.max = max
  }

  /** Starts a new section. */
  reset(): void {
    this.#length = 0
  }

  /**
   * `read(chunk, from)` takes the section's bytes from `chunk` at `from`: the offset just after
   * the section when it is complete (then in `section`), or -1 when the chunk ran out first. It
   * throws `tooLarge()` once `max` bytes hold no complete section.
   */
  read(chunk: Uint8Array, from: number, tooLarge: () => Error): number {
    if (this.#length === 0) {
      const end = sectionEnd(chunk, from, Math.min(chunk.length, from + this.max), true)
      if (end !== -1) {
        this.section = chunk.subarray(from, end)
        return end
      }
    }
    const before = this.#length
    const take = Math.min(chunk.length - from, this.max - before)
    if (this.#bytes.length < before + take) {
      const grown = new Uint8Array(Math.min(this.max, Math.max(256, (before + take) * 2)))
      grown.set(this.#bytes.subarray(0, before))
      this.#bytes = grown
    }
    this.#bytes.set(chunk.subarray(from, from + take), before)
    this.#length = before + take
    const end = sectionEnd(this.#bytes, Math.max(0, before - 3), this.#length, before < 2)
    if (end === -1) {
      if (this.#length >= this.max) throw tooLarge()
      return -1
    }
    this.section = this.#bytes.subarray(0, end)
    return from + end - before
  }
}

/**
 * The offset just after a header section in `bytes`, scanning from `from` up to `limit`, or -1.
 * A section ends at CRLF CRLF, or is empty: a lone CRLF at its very start (RFC 2046 §5.1.1), which
 * is only looked for when `atStart` says `from` is the section's start.
 */
function sectionEnd(bytes: Uint8Array, from: number, limit: number, atStart: boolean): number {
  if (atStart && from + 2 <= limit && bytes[from] === CR && bytes[from + 1] === LF) return from + 2
  // From LF to LF: `indexOf` skips a line in one native scan, where a loop reads every byte.
  for (
    let k = bytes.indexOf(LF, from + 1);
    k !== -1 && k + 2 < limit;
    k = bytes.indexOf(LF, k + 2)
  ) {
    if (bytes[k + 2] === LF && bytes[k + 1] === CR && bytes[k - 1] === CR) return k + 3
  }
  return -1
}
