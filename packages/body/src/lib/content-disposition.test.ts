import { describe, expect, it } from 'vitest'
import { parseDisposition, safeFilename } from './content-disposition.js'

describe('parseDisposition', () => {
  it.each([
    ['form-data; name="a"', { name: 'a', filename: undefined }],
    ['form-data; name=a; filename=b.txt', { name: 'a', filename: 'b.txt' }],
    ['FORM-DATA ; NAME="a" ; FileName="x \\"y\\".txt"', { name: 'a', filename: 'x "y".txt' }],
    ['form-data; name="a;b"; filename="c;d"', { name: 'a;b', filename: 'c;d' }],
    ['form-data; name="a"; filename=""', { name: 'a', filename: '' }],
    ['form-data; name="a" \t; filename=b.txt \t', { name: 'a', filename: 'b.txt' }],
    ["form-data; name=a; filename*=iso-8859-1'en'%A3%20rates", { name: 'a', filename: '£ rates' }],
    ['form-data; name=a; filename="C:\\\\dir\\\\x.txt"', { name: 'a', filename: 'x.txt' }],
  ])('%s', (value, expected) => {
    expect(parseDisposition(value)).toEqual(expected)
  })

  it.each([
    [undefined],
    ['attachment; name="a"'],
    ['form-data'],
    ['form-data; name="unterminated'],
    ["form-data; name=a; filename*=UTF-8''%zz"],
    ["form-data; name=a; filename*=koi8-r''x"],
    // A repeated parameter, or two Content-Disposition fields (joined with ", "), is ambiguous:
    // a proxy reading the other one would see another field.
    ['form-data; name="a"; name="b"'],
    ['form-data; name="a", form-data; name="b"'],
    ['form-data; name=a; filename="x.txt"; FILENAME="y.txt"'],
    ["form-data; name=a; filename*=UTF-8''x; filename*=UTF-8''y"],
    // RFC 9110 §5.6.6: a parameter value is a token or a quoted string, then OWS and `;` or the
    // end (busboy refuses these too). Read leniently, a second Content-Disposition field with no
    // parameters (joined with ", ") would pass into the name: `a, attachment`.
    ['form-data; name="a"junk'],
    ['form-data; name="a" "b"'],
    ['form-data; name="a", attachment'],
    ['form-data; name=a, attachment'],
    ['form-data; name=a b'],
    ['form-data; name=a"b"'],
    ['form-data; name=; filename=x'],
  ])('rejects %s with 400 disposition', (value) => {
    expect(() => parseDisposition(value)).toThrow(expect.objectContaining({ status: 400 }))
  })
})

describe('safeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['a\\b\\c.txt', 'c.txt'],
    ['..', ''],
    ['.', ''],
    ['dir/', ''],
    ['a\u0000b\r\nc\u007f.txt', 'abc.txt'],
    ['ok name.txt', 'ok name.txt'],
  ])('%j is %j', (raw, safe) => {
    expect(safeFilename(raw)).toBe(safe)
  })
})
