import { describe, expect, it } from 'vitest'
import { answer, run } from '../../test/harness'
import { csrf } from './csrf'

const post = (headers: Record<string, string>, layer = csrf()) =>
  run([layer], answer('done'), 'http://app.test/form', { method: 'POST', headers, body: 'a=1' })
const form = { 'content-type': 'application/x-www-form-urlencoded' }

describe('csrf()', () => {
  it.each([
    ['same-origin fetch metadata', { ...form, 'sec-fetch-site': 'same-origin' }],
    ['a user-initiated navigation', { ...form, 'sec-fetch-site': 'none' }],
    ['a matching Origin', { ...form, origin: 'http://app.test' }],
    ['no browser headers at all (curl, servers)', form],
    [
      'JSON, which needs a CORS preflight anyway',
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    ],
  ])('lets through %s', async (_n, headers) => {
    expect((await post(headers)).status).toBe(200)
  })

  it.each([
    ['a cross-site form', { ...form, 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }],
    ['a same-site form by default', { ...form, 'sec-fetch-site': 'same-site' }],
    ['a foreign Origin without fetch metadata', { ...form, origin: 'https://evil.test' }],
    ['the null origin', { ...form, origin: 'null' }],
    [
      'the null origin claiming same-origin',
      { ...form, origin: 'null', 'sec-fetch-site': 'same-origin' },
    ],
    [
      'a text/plain cross-site post',
      { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
    ],
    [
      'multipart from another origin',
      { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://evil.test' },
    ],
  ])('refuses %s with 403 problem+json', async (_n, headers) => {
    const res = await post(headers)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('accepts trusted origins and same-site when configured', async () => {
    const layer = csrf({ origins: ['https://admin.app.test'], allowSameSite: true })
    expect(
      (
        await post(
          { ...form, 'sec-fetch-site': 'cross-site', origin: 'https://admin.app.test' },
          layer,
        )
      ).status,
    ).toBe(200)
    expect((await post({ ...form, 'sec-fetch-site': 'same-site' }, layer)).status).toBe(200)
  })

  it.each(['DELETE', 'PUT', 'PATCH'])(
    'leaves a cross-site %s to CORS: a page can send it only after a preflight',
    async (method) => {
      // Fetch: only GET, HEAD and POST are CORS-safelisted methods, and a form sends no other,
      // so a cross-site DELETE reaching the app passed the preflight cors() answered (an SPA on
      // another origin of the same app), and refusing it here would break what cors() allowed.
      const res = await run([csrf()], answer('done'), 'http://app.test/posts/1', {
        method,
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://spa.test' },
      })
      expect(res.status).toBe(200)
    },
  )

  it('never checks safe methods', async () => {
    const res = await run([csrf()], answer('ok'), '/', {
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(res.status).toBe(200)
  })
})
