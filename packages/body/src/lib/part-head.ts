import { parseMediaType } from '@ferry/router'
import { parseDisposition } from './content-disposition.js'
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

/**
 * `readPartHead(block, part, maxPairs)` is what the header section `block` of part number `part`
 * says about it (see `parseHeaderSection` and `parseDisposition` for the 400 and 413 problems).
 */
export function readPartHead(block: Uint8Array, part: number, maxPairs: number): PartHead {
  const headers = parseHeaderSection(block, part, maxPairs)
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
