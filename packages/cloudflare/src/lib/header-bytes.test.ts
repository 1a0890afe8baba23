import { describe, expect, it } from 'vitest'
import { withHeaderBytes } from './header-bytes.js'

const codes = (value: string | null) => [...(value ?? '')].map((ch) => ch.charCodeAt(0))

describe('withHeaderBytes', () => {
  it('re-encodes a value workerd decoded from UTF-8 into one code unit per byte', async () => {
    // What workerd hands over for `X-Text: caf\xc3\xa9` (Node's Headers, unlike workerd's,
    // refuse code points over 255, so `☃` cannot be built here; the conformance suite sends it).
    const request = new Request('https://example.com/upload', {
      method: 'POST',
      headers: { 'x-text': 'café', 'content-type': 'text/plain' },
      body: 'kept',
    })
    const seen = withHeaderBytes(request)
    expect(codes(seen.headers.get('x-text'))).toEqual([99, 97, 102, 0xc3, 0xa9])
    expect(new TextDecoder().decode(Uint8Array.from(codes(seen.headers.get('x-text'))))).toBe(
      'café',
    )
    expect(seen.headers.get('content-type')).toBe('text/plain')
    expect(seen.method).toBe('POST')
    expect(seen.url).toBe('https://example.com/upload')
    expect(await seen.text()).toBe('kept')
  })

  it('returns a request whose values are all ASCII as it is', () => {
    const request = new Request('https://example.com/', { headers: { accept: 'text/html' } })
    expect(withHeaderBytes(request)).toBe(request)
  })
})
