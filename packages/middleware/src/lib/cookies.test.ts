import { describe, expect, it } from 'vitest'
import { run } from '../../test/harness'
import { CookieError } from './cookie-error'
import { type CookieJar, cookies } from './cookies'

const SECRET = 'a-secret-of-at-least-32-bytes-long!!'

describe('cookies()', () => {
  it('reads request cookies and sets response cookies', async () => {
    const res = await run(
      [cookies()],
      (c: { cookies: CookieJar }) => {
        c.cookies.set('theme', c.cookies.get('theme') === 'dark' ? 'light' : 'dark')
        c.cookies.set('theme', 'final')
        c.cookies.delete('old')
        return new Response(String(c.cookies.all().size))
      },
      '/',
      { headers: { cookie: 'theme=dark; x=1' } },
    )
    expect(await res.text()).toBe('2')
    expect(res.headers.getSetCookie()).toEqual([
      'theme=final; Path=/; Secure; HttpOnly; SameSite=Lax',
      'old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; SameSite=Lax',
    ])
  })

  it('turns an unsafe cookie into an error instead of a header', async () => {
    const res = run(
      [cookies()],
      (c: { cookies: CookieJar }) => {
        c.cookies.set('sid', 'x', { path: '/\r\nSet-Cookie: admin=1' })
        return new Response('no')
      },
      '/',
    )
    await expect(res).rejects.toThrow(CookieError)
  })

  it('round-trips a signed cookie and refuses a tampered one', async () => {
    const set = await run(
      [cookies({ secrets: SECRET })],
      async (c: { cookies: CookieJar }) => {
        await c.cookies.setSigned('sid', 'user-1', { maxAge: 3600 })
        return new Response('ok')
      },
      '/',
    )
    const header = set.headers.getSetCookie()[0]!
    expect(header).toMatch(/Max-Age=3600/)
    const value = header.slice('sid='.length, header.indexOf(';'))
    const read = (cookie: string) =>
      run(
        [cookies({ secrets: SECRET })],
        async (c: { cookies: CookieJar }) => new Response(String(await c.cookies.getSigned('sid'))),
        '/',
        {
          headers: { cookie },
        },
      ).then((r) => r.text())
    expect(await read(`sid=${value}`)).toBe('user-1')
    expect(await read(`sid=${value.replace(/^[^.]/, (ch) => (ch === 'A' ? 'B' : 'A'))}`)).toBe(
      'undefined',
    )
    expect(await read(`sid=${value.replace(/\.(\d+)\./, '.9999999999.')}`)).toBe('undefined')
    expect(await read('sid=user-1')).toBe('undefined')
  })

  it('bounds a signed cookie by its Expires when it has no Max-Age', async () => {
    // The browser drops it at Expires; a copy replayed later must not verify either.
    const set = await run(
      [cookies({ secrets: SECRET })],
      async (c: { cookies: CookieJar }) => {
        await c.cookies.setSigned('sid', 'user-1', { expires: new Date(Date.now() - 60_000) })
        return new Response('ok')
      },
      '/',
    )
    const header = set.headers.getSetCookie()[0]!
    const value = header.slice('sid='.length, header.indexOf(';'))
    const read = await run(
      [cookies({ secrets: SECRET })],
      async (c: { cookies: CookieJar }) => new Response(String(await c.cookies.getSigned('sid'))),
      '/',
      { headers: { cookie: `sid=${value}` } },
    )
    expect(await read.text()).toBe('undefined')
  })

  it('deletes a partitioned (CHIPS) cookie in its partition', async () => {
    // The browser keys a partitioned cookie by its partition: a deletion without Partitioned
    // would miss it (CHIPS, draft-cutler-httpbis-partitioned-cookies §2.1).
    const res = await run(
      [cookies()],
      (c: { cookies: CookieJar }) => {
        c.cookies.delete('embed', { partitioned: true })
        return new Response('ok')
      },
      '/',
    )
    expect(res.headers.getSetCookie()[0]).toMatch(/^embed=; .*; Partitioned$/)
  })

  it('refuses signed cookies without secrets', async () => {
    const res = run(
      [cookies()],
      async (c: { cookies: CookieJar }) => new Response(String(await c.cookies.getSigned('sid'))),
      '/',
      {
        headers: { cookie: 'sid=a.b.c' },
      },
    )
    await expect(res).rejects.toThrow(CookieError)
  })

  it('appends to responses with immutable headers', async () => {
    const res = await run(
      [cookies()],
      (c: { cookies: CookieJar }) => {
        c.cookies.set('a', '1')
        return Response.redirect('http://app.test/next', 303)
      },
      '/',
    )
    expect(res.status).toBe(303)
    expect(res.headers.getSetCookie()).toHaveLength(1)
  })
})
