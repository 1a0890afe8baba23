import { parseMediaType } from '@ferry/router'
import { parseDisposition } from './content-disposition.js'
import { unsupported } from './errors.js'
import { parseHeaderSection } from './header-section.js'

/** What the parser knows about a part once its header section is read. */
export interface PartHead {
  readonly name: string
  readonly filename: string | undefined
  /** The media type essence; `text/plain` by default, `application/octet-stream` for files. */
  readonly type: string
  /** The `charset` parameter of the part's Content-Type, when given. */
  readonly charset: string | undefined
  /** Header fields, names lower-cased, repeated fields joined with `, `. */
  readonly headers: Readonly<Record<string, string>>
}

/** How a part counts against the limits: as a file or a field, and its largest body. */
export interface PartRule {
  readonly file: boolean
  readonly maxSize: number
}

// The Content-Transfer-Encoding values that leave the bytes as sent (RFC 2045 §6.1).
const IDENTITY = /^[ \t]*(?:7bit|8bit|binary)[ \t]*$/i

/**
 * `readPartHead(block, part, maxPairs)` is what the header section `block` of part number `part`
 * says about it (see `parseHeaderSection` and `parseDisposition` for the 400 and 413 problems);
 * a 415 for a part with a Content-Transfer-Encoding other than `7bit`, `8bit` or `binary`.
 */
export function readPartHead(block: Uint8Array, part: number, maxPairs: number): PartHead {
  const headers = parseHeaderSection(block, part, maxPairs)
  // RFC 7578 §4.7: senders must not encode parts. A base64 or quoted-printable part read raw
  // would reach the app as its encoded text, so it is refused; the identity codings pass.
  const coding = headers['content-transfer-encoding']
  if (coding !== undefined && !IDENTITY.test(coding)) {
    throw unsupported(`part ${part} has Content-Transfer-Encoding ${coding}, which is not read`, {
      coding,
    })
  }
  const { name, filename } = parseDisposition(headers['content-disposition'])
  const media = parseMediaType(headers['content-type'])
  return {
    name,
    filename,
    // RFC 7578 §4.4: a part without Content-Type is text/plain; browsers label files they
    // cannot type as application/octet-stream.
    type: media?.essence ?? (filename === undefined ? 'text/plain' : 'application/octet-stream'),
    charset: media?.params.charset,
    headers,
  }
}
