// The table of multipart bodies every reader must agree on (see multipart-cases.test.ts).
import type { MultipartLimits } from '../src/index.js'
import { formBody, join, latin1, type PartInit, utf8 } from './helpers.js'

/** What a reader should find: the parts, or the problem it answers with. */
export type Expected =
  | { parts: ExpectedPart[] }
  | {
      status: number
      limit?: string
      defect?: string
      max?: number
      field?: string
      coding?: string
    }

/** A part as the table compares it: content as a latin1 string of its bytes. */
export interface ExpectedPart {
  name: string
  filename?: string | undefined
  type: string
  content: string
  /** The field's value as text, when it is not the content read as UTF-8. */
  text?: string
}

export interface Case {
  name: string
  contentType: string
  body: Uint8Array
  limits?: MultipartLimits
  expect: Expected
}

const CT = 'multipart/form-data; boundary=XyZ'
const field = (name: string, content: string): ExpectedPart => ({
  name,
  type: 'text/plain',
  content: Buffer.from(utf8(content)).toString('latin1'),
})
const fileOf = (name: string, filename: string, type: string, content: string): ExpectedPart => ({
  name,
  filename,
  type,
  content: Buffer.from(utf8(content)).toString('latin1'),
})
const raw = (s: string) => utf8(s)

const thousands: PartInit[] = Array.from({ length: 3000 }, (_, i) => ({
  name: `f${i}`,
  content: `v${i}`,
}))

const binary = latin1('\r\n--Xy\r\n\r\n\r--XyZ\n--XyZ\x00\xff\r\r\n\n-\r\n--XyY')

export const CASES: readonly Case[] = [
  {
    name: 'a field and a file',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'title', content: 'Hello' },
      { name: 'photo', filename: 'a.png', type: 'image/png', content: 'PNG...' },
    ]),
    expect: { parts: [field('title', 'Hello'), fileOf('photo', 'a.png', 'image/png', 'PNG...')] },
  },
  {
    name: 'a quoted boundary with a space and punctuation',
    contentType: 'multipart/form-data; boundary="a b\'()+_,-./:=?"',
    body: formBody("a b'()+_,-./:=?", [{ name: 'a', content: '1' }]),
    expect: { parts: [field('a', '1')] },
  },
  {
    name: "the boundary's prefixes inside content",
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'a', content: '\r\n--Xy\r\n--XyY--XyZ\r\n-\r\n--' },
      { name: 'b', filename: 'b.bin', type: 'application/octet-stream', content: binary },
    ]),
    expect: {
      parts: [
        field('a', '\r\n--Xy\r\n--XyY--XyZ\r\n-\r\n--'),
        {
          name: 'b',
          filename: 'b.bin',
          type: 'application/octet-stream',
          content: Buffer.from(binary).toString('latin1'),
        },
      ],
    },
  },
  {
    name: 'LF-only line ends',
    contentType: CT,
    body: raw('--XyZ\nContent-Disposition: form-data; name="a"\n\n1\n--XyZ--\n'),
    expect: { status: 400, defect: 'delimiter' },
  },
  {
    name: 'a preamble and an epilogue',
    contentType: CT,
    body: raw(
      'This is the preamble.\r\n--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--\r\nThe epilogue\r\n--XyZ\r\nignored',
    ),
    expect: { parts: [field('a', '1')] },
  },
  {
    name: 'transport padding after delimiters',
    contentType: CT,
    body: raw(
      '--XyZ \t\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ  \r\nContent-Disposition: form-data; name="b"\r\n\r\n2\r\n--XyZ--',
    ),
    expect: { parts: [field('a', '1'), field('b', '2')] },
  },
  {
    name: 'empty parts',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'a', content: '' },
      { name: 'f', filename: 'empty.txt', type: 'text/plain', content: '' },
      { name: 'b', content: '' },
    ]),
    expect: { parts: [field('a', ''), fileOf('f', 'empty.txt', 'text/plain', ''), field('b', '')] },
  },
  {
    name: 'no parts at all',
    contentType: CT,
    body: raw('--XyZ--\r\n'),
    expect: { parts: [] },
  },
  {
    name: 'an empty body',
    contentType: CT,
    body: new Uint8Array(0),
    expect: { status: 400, defect: 'truncated' },
  },
  {
    name: 'a missing close delimiter (truncated in content)',
    contentType: CT,
    body: raw('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello'),
    expect: { status: 400, defect: 'truncated' },
  },
  {
    name: 'truncated inside a header section',
    contentType: CT,
    body: raw('--XyZ\r\nContent-Disposition: form-da'),
    expect: { status: 400, defect: 'truncated' },
  },
  {
    name: 'truncated in the close delimiter',
    contentType: CT,
    body: raw('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--XyZ-'),
    expect: { status: 400, defect: 'truncated' },
  },
  {
    name: 'a delimiter followed by other text',
    contentType: CT,
    body: raw('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZabc\r\n'),
    expect: { status: 400, defect: 'delimiter' },
  },
  {
    name: 'a delimiter followed by another delimiter',
    contentType: CT,
    body: raw('--XyZ\r\n--XyZ--'),
    expect: { status: 400, defect: 'delimiter' },
  },
  {
    name: 'a header line without a colon',
    contentType: CT,
    body: raw('--XyZ\r\nContent-Disposition form-data; name="a"\r\n\r\n1\r\n--XyZ--'),
    expect: { status: 400, defect: 'header' },
  },
  {
    name: 'a part without Content-Disposition',
    contentType: CT,
    body: raw('--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--'),
    expect: { status: 400, defect: 'disposition' },
  },
  {
    name: 'a part without any header',
    contentType: CT,
    body: raw('--XyZ\r\n\r\n1\r\n--XyZ--'),
    expect: { status: 400, defect: 'disposition' },
  },
  {
    name: 'a part with two Content-Disposition fields',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'a', headers: ['Content-Disposition: form-data; name="admin"'], content: '1' },
    ]),
    expect: { status: 400, defect: 'disposition' },
  },
  {
    // Joined with the first as `form-data; name=a, attachment`: the name must not take it in.
    name: 'a second Content-Disposition without parameters',
    contentType: CT,
    body: raw(
      '--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: attachment\r\n\r\n1\r\n--XyZ--',
    ),
    expect: { status: 400, defect: 'disposition' },
  },
  {
    // RFC 7578 §4.7: senders must not encode parts; read raw, a base64 file would reach the app as
    // its base64 text, the wrong bytes without a word.
    name: 'a part with Content-Transfer-Encoding: base64',
    contentType: CT,
    body: formBody('XyZ', [
      {
        name: 'f',
        filename: 'a.bin',
        headers: ['Content-Transfer-Encoding: base64'],
        content: 'AAEC',
      },
    ]),
    expect: { status: 415, coding: 'base64' },
  },
  {
    // The identity codings some old senders still name change nothing: read as sent.
    name: 'a part with Content-Transfer-Encoding: binary',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'a', headers: ['Content-Transfer-Encoding: Binary'], content: '1' },
      { name: 'b', headers: ['content-transfer-encoding: 8bit'], content: '2' },
    ]),
    expect: { parts: [field('a', '1'), field('b', '2')] },
  },
  {
    // RFC 9110 §5.3: Content-Type is no list; which one a proxy or firewall checked is unknowable.
    name: 'a part with two Content-Type fields',
    contentType: CT,
    body: formBody('XyZ', [
      {
        name: 'f',
        filename: 'a.png',
        type: 'image/png',
        headers: ['Content-Type: text/html'],
        content: '1',
      },
    ]),
    expect: { status: 400, defect: 'header' },
  },
  {
    name: 'a Content-Disposition without a name',
    contentType: CT,
    body: raw('--XyZ\r\nContent-Disposition: form-data; filename="a"\r\n\r\n1\r\n--XyZ--'),
    expect: { status: 400, defect: 'disposition' },
  },
  {
    name: 'an oversize header section',
    contentType: CT,
    body: formBody('XyZ', [{ name: 'a', headers: [`X-Pad: ${'p'.repeat(9000)}`], content: '1' }]),
    expect: { status: 413, limit: 'headerSize', max: 8192 },
  },
  {
    name: 'a header section just under a small limit',
    contentType: CT,
    limits: { headerSize: 47 },
    // 'Content-Disposition: form-data; name="a"' + CRLF CRLF is 44 bytes.
    body: formBody('XyZ', [{ name: 'a', content: '1' }]),
    expect: { parts: [field('a', '1')] },
  },
  {
    name: 'more header fields than the default limit',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'a', headers: Array.from({ length: 32 }, (_, i) => `X-F${i}: ${i}`), content: '1' },
    ]),
    expect: { status: 413, limit: 'headerPairs', max: 32 },
  },
  {
    name: 'header fields at a small limit',
    contentType: CT,
    limits: { headerPairs: 2 },
    body: formBody('XyZ', [{ name: 'a', type: 'text/plain', content: '1' }]),
    expect: { parts: [field('a', '1')] },
  },
  {
    name: 'one header field over a small limit',
    contentType: CT,
    limits: { headerPairs: 2 },
    body: formBody('XyZ', [{ name: 'a', type: 'text/plain', headers: ['X-A: 1'], content: '1' }]),
    expect: { status: 413, limit: 'headerPairs', max: 2 },
  },
  {
    name: 'a _charset_ field setting the charset of the fields after it (RFC 7578 §4.6)',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'before', content: 'ü' },
      { name: '_charset_', content: 'iso-8859-1' },
      { name: 'city', content: latin1('Z\xfcrich') },
      { name: 'own', type: 'text/plain; charset=utf-8', content: 'Zürich' },
      { name: 'doc', filename: 'a.txt', type: 'text/plain', content: latin1('\xfc') },
    ]),
    expect: {
      parts: [
        field('before', 'ü'),
        field('_charset_', 'iso-8859-1'),
        { name: 'city', type: 'text/plain', content: 'Z\xfcrich', text: 'Zürich' },
        field('own', 'Zürich'),
        { name: 'doc', filename: 'a.txt', type: 'text/plain', content: '\xfc' },
      ],
    },
  },
  {
    name: 'thousands of parts',
    contentType: CT,
    limits: { parts: 3000 },
    body: formBody('XyZ', thousands),
    expect: { parts: thousands.map((p) => field(p.name, p.content as string)) },
  },
  {
    name: 'more parts than the limit',
    contentType: CT,
    body: formBody('XyZ', thousands),
    expect: { status: 413, limit: 'parts', max: 1000 },
  },
  {
    name: 'filename* (RFC 8187) wins over filename',
    contentType: CT,
    body: raw(
      `--XyZ\r\nContent-Disposition: form-data; name="f"; filename="fallback.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\nx\r\n--XyZ--`,
    ),
    expect: { parts: [fileOf('f', '€ rates.txt', 'application/octet-stream', 'x')] },
  },
  {
    name: 'filenames with path components',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'a', filename: '../../etc/passwd', content: '1' },
      { name: 'b', filename: 'C:\\Users\\me\\report.pdf', content: '2' },
      { name: 'c', filename: '..', content: '3' },
    ]),
    expect: {
      parts: [
        fileOf('a', 'passwd', 'application/octet-stream', '1'),
        fileOf('b', 'report.pdf', 'application/octet-stream', '2'),
        fileOf('c', '', 'application/octet-stream', '3'),
      ],
    },
  },
  {
    name: 'a raw NUL in a filename',
    contentType: CT,
    body: formBody('XyZ', [{ name: 'a', filename: 'a\u0000b.txt', content: '1' }]),
    expect: { status: 400, defect: 'header' },
  },
  {
    name: 'a raw CRLF in a filename',
    contentType: CT,
    body: formBody('XyZ', [{ name: 'a', filename: 'a\r\nb.txt', content: '1' }]),
    expect: { status: 400, defect: 'header' },
  },
  {
    name: 'NUL, CR and LF percent-encoded in filename*',
    contentType: CT,
    body: raw(
      `--XyZ\r\nContent-Disposition: form-data; name="a"; filename*=UTF-8''a%00b%0D%0Ac.txt\r\n\r\n1\r\n--XyZ--`,
    ),
    expect: { parts: [fileOf('a', 'abc.txt', 'application/octet-stream', '1')] },
  },
  {
    name: 'an invalid filename*',
    contentType: CT,
    body: raw(
      `--XyZ\r\nContent-Disposition: form-data; name="a"; filename*=UTF-8''%E2%82\r\n\r\n1\r\n--XyZ--`,
    ),
    expect: { status: 400, defect: 'disposition' },
  },
  {
    name: 'non-ASCII names and filenames in raw UTF-8',
    contentType: CT,
    body: formBody('XyZ', [
      { name: 'título', content: 'olá' },
      { name: '写真', filename: '東京 タワー.jpg', type: 'image/jpeg', content: 'jpg' },
    ]),
    expect: {
      parts: [field('título', 'olá'), fileOf('写真', '東京 タワー.jpg', 'image/jpeg', 'jpg')],
    },
  },
  {
    name: 'a field over fieldSize',
    contentType: CT,
    limits: { fieldSize: 10 },
    body: formBody('XyZ', [
      { name: 'a', content: '0123456789' },
      { name: 'b', content: '0123456789x' },
    ]),
    expect: { status: 413, limit: 'fieldSize', max: 10, field: 'b' },
  },
  {
    name: 'a file over fileSize',
    contentType: CT,
    limits: { fileSize: 100 },
    body: formBody('XyZ', [{ name: 'f', filename: 'f.bin', content: 'z'.repeat(101) }]),
    expect: { status: 413, limit: 'fileSize', max: 100, field: 'f' },
  },
  {
    name: 'more files than the limit',
    contentType: CT,
    limits: { files: 2 },
    body: formBody(
      'XyZ',
      ['a', 'b', 'c'].map((n) => ({ name: n, filename: `${n}.txt`, content: n })),
    ),
    expect: { status: 413, limit: 'files', max: 2 },
  },
  {
    name: 'a body over bodySize without Content-Length',
    contentType: CT,
    limits: { bodySize: 1000 },
    body: formBody('XyZ', [{ name: 'f', filename: 'f.bin', content: 'z'.repeat(2000) }]),
    expect: { status: 413, limit: 'bodySize', max: 1000 },
  },
  {
    name: 'a part charset',
    contentType: CT,
    body: join([
      raw(
        '--XyZ\r\nContent-Disposition: form-data; name="a"\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n',
      ),
      latin1('caf\xe9'),
      raw('\r\n--XyZ--'),
    ]),
    expect: { parts: [{ name: 'a', type: 'text/plain', content: 'caf\xe9', text: 'café' }] },
  },
]
