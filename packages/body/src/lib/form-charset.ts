import { concat } from './bytes.js'
import type { PartHead } from './part-head.js'

/**
 * A `FormCharset` follows RFC 7578 §4.6 through one body: a `_charset_` field names the charset
 * of the text fields after it that have none. Parts start in order, so the value is known before
 * any later field is created; only that field's few bytes are kept.
 */
export class FormCharset {
  #default: string | undefined
  #bytes: Uint8Array[] | undefined

  /** `head` with the form's charset applied when it is a field without one. */
  start(head: PartHead): PartHead {
    const field = head.filename === undefined
    this.#bytes = field && head.name === '_charset_' ? [] : undefined
    return this.#default !== undefined && field && head.charset === undefined
      ? { ...head, charset: this.#default }
      : head
  }

  /** Takes a chunk of the current part. */
  data(chunk: Uint8Array): void {
    this.#bytes?.push(chunk)
  }

  /** Ends the current part: a `_charset_` field's value becomes the default. */
  end(): void {
    if (this.#bytes) this.#default = labelOf(this.#bytes) ?? this.#default
    this.#bytes = undefined
  }
}

/**
 * The encoding label in `chunks`, trimmed, when it is one the runtime decodes (WHATWG Encoding
 * labels are short ASCII tokens); otherwise `undefined`, and the default stays as it was, so a
 * bogus `_charset_` cannot make the fields after it fail with a 415.
 */
function labelOf(chunks: readonly Uint8Array[]): string | undefined {
  const bytes = concat(chunks)
  if (bytes.byteLength > 64) return undefined
  const label = new TextDecoder().decode(bytes).trim()
  if (!/^[A-Za-z0-9._:-]{1,40}$/.test(label)) return undefined
  try {
    // WHATWG Encoding §7.2: the constructor throws a RangeError for a label it does not know.
    new TextDecoder(label)
    return label
  } catch {
    return undefined
  }
}
