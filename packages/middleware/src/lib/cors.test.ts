import { describe, expect, it } from 'vitest'
import { answer, run } from '../../test/harness'
import { cors } from './cors'
import { OriginRuleError } from './origin'

const ok = answer('hi', { headers: { 'content-type': 'text/plain' } })
const A = 'https://a.example'

describe('cors() on actual requests', () => {
  it('echoes an allowed origin and varies on Origin', async () => {
    const res = await run(
      [cors({ origin: [A], credentials: true, exposeHeaders: ['x-total'] })],
      ok,
      '/',
      {
        headers: { origin: A },
      },
    )
    expect(res.headers.get('access-control-allow-origin')).toBe(A)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-expose-headers')).toBe('x-total')
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it.each([
    ['without credentials, as the wildcard', false, '*, x-total'],
    // A credentialed response reads `*` as a header named `*` (Fetch, CORS check): name them.
    ['with credentials, as the response header names', true, 'content-type, x-id, x-total'],
  ])('sends exposeHeaders "*" %s', async (_n, credentials, exposed) => {
    const res = await run(
      [cors({ origin: [A], credentials, exposeHeaders: ['*', 'x-total'] })],
      answer('hi', {
        headers: { 'content-type': 'text/plain', 'x-id': '7', 'set-cookie': 'a=1' },
      }),
      '/',
      { headers: { origin: A } },
    )
    expect(res.headers.get('access-control-expose-headers')).toBe(exposed)
  })

  it.each([
    ['the null origin', 'null'],
    ['a suffix attack', 'https://a.example.evil.test'],
    ['a prefix attack', 'https://evil-a.example'],
    ['another scheme', 'http://a.example'],
    ['a path smuggled in', 'https://a.example/x'],
    ['an upper-case variant', 'HTTPS://A.EXAMPLE'],
    ['a userinfo trick', 'https://a.example@evil.test'],
  ])('gives %s no CORS headers but still runs the request', async (_n, origin) => {
    const res = await run([cors({ origin: A })], ok, '/', { headers: { origin } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it('refuses a disallowed origin with 403 when told to', async () => {
    const res = await run([cors({ origin: A, disallowed: 'reject' })], ok, '/', {
      headers: { origin: 'https://evil.test' },
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    // The refusal depends on Origin like every other answer (an allowed origin gets a 200).
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it('never reflects an arbitrary origin with *', async () => {
    const res = await run([cors({ origin: '*' })], ok, '/', {
      headers: { origin: 'https://evil.test' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('vary')).toBeNull()
  })

  it.each([
    ['no Origin', {}],
    ['Origin: null', { origin: 'null' }],
  ])(
    'with * sends the same answer for %s, so a shared cache can keep one copy',
    async (_n, headers) => {
      // A copy cached from a request without Origin is served to cross-origin fetches too: with no
      // Vary it must carry the header they need.
      const res = await run([cors({ origin: '*' })], ok, '/', { headers })
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('vary')).toBeNull()
    },
  )

  it('refuses * with credentials, and bare lists of *', () => {
    expect(() => cors({ origin: '*', credentials: true })).toThrow(OriginRuleError)
    expect(() => cors({ origin: ['*'] })).toThrow(OriginRuleError)
    expect(() => cors({ origin: ['null'] })).toThrow(OriginRuleError)
    expect(() => cors({} as never)).toThrow(OriginRuleError)
  })

  it.each([
    ['a host with an underscore', 'https://my_app.example', 'https://my_app.example'],
    ['an IDN host', 'https://bücher.example', 'https://xn--bcher-kva.example'],
    ['an IDN pattern', 'https://*.bücher.example', 'https://shop.xn--bcher-kva.example'],
    ['a RegExp', /https:\/\/[a-z_]+\.example/, 'https://my_app.example'],
  ])('allows an origin with %s', async (_n, rule, origin) => {
    const res = await run([cors({ origin: rule })], ok, '/', { headers: { origin } })
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
  })

  it('accepts any localhost port only in development mode', async () => {
    const dev = await run([cors({ origin: A, development: true })], ok, '/', {
      headers: { origin: 'http://localhost:5173' },
    })
    expect(dev.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const prod = await run([cors({ origin: A })], ok, '/', {
      headers: { origin: 'http://localhost:5173' },
    })
    expect(prod.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('works on responses with immutable headers', async () => {
    const frozen = () => {
      const r = Response.redirect('https://elsewhere.test/', 302)
      return r
    }
    const res = await run([cors({ origin: A })], frozen, '/', { headers: { origin: A } })
    expect(res.headers.get('access-control-allow-origin')).toBe(A)
    expect(res.headers.get('location')).toBe('https://elsewhere.test/')
  })
})

describe('cors() preflights', () => {
  const preflight = (headers: Record<string, string>, allow = 'GET, HEAD, PUT') =>
    run([cors({ origin: A, credentials: true, maxAge: 120 })], answer('router 204'), '/', {
      method: 'OPTIONS',
      allow,
      headers: { origin: A, 'access-control-request-method': 'PUT', ...headers },
    })

  it('answers with the path’s real methods and max age', async () => {
    const res = await preflight({ 'access-control-request-headers': 'Content-Type' })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(A)
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, PUT')
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, authorization')
    expect(res.headers.get('access-control-max-age')).toBe('120')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('vary')).toContain('Access-Control-Request-Headers')
  })

  it('gives no CORS headers when a requested header is not allowed', async () => {
    const res = await preflight({ 'access-control-request-headers': 'content-type, x-evil' })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(await res.text()).toBe('router 204')
  })

  it('leaves a path no route matches to the router', async () => {
    const res = await run([cors({ origin: A })], answer('not found', { status: 404 }), '/nope', {
      method: 'OPTIONS',
      headers: { origin: A, 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(404)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  describe("with allowHeaders: ['*']", () => {
    const ask = (options: Parameters<typeof cors>[0], requested: string) =>
      run([cors(options)], answer('router 204'), '/', {
        method: 'OPTIONS',
        allow: 'GET, PUT',
        headers: {
          origin: A,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': requested,
        },
      })

    it('allows any requested header, answering the wildcard, without credentials', async () => {
      const res = await ask({ origin: A, allowHeaders: ['*'] }, 'x-custom, content-type')
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-headers')).toBe('*')
    })

    it('echoes the requested headers with credentials, where Fetch reads * literally', async () => {
      const res = await ask(
        { origin: A, credentials: true, allowHeaders: ['*'] },
        'X-Custom, content-type',
      )
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-headers')).toBe('x-custom, content-type')
      expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    })

    it('covers Authorization only when it is named too, as Fetch requires', async () => {
      const unnamed = await ask({ origin: A, allowHeaders: ['*'] }, 'authorization')
      expect(unnamed.headers.get('access-control-allow-origin')).toBeNull()
      const named = await ask({ origin: A, allowHeaders: ['*', 'Authorization'] }, 'authorization')
      expect(named.status).toBe(204)
      expect(named.headers.get('access-control-allow-headers')).toBe('*, authorization')
    })

    it('never echoes a requested name that is not a header name', async () => {
      const res = await ask({ origin: A, credentials: true, allowHeaders: ['*'] }, 'x-ok, x(bad)')
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect(res.headers.get('access-control-allow-headers')).toBeNull()
    })
  })

  it('gives a disallowed origin nothing', async () => {
    const res = await preflight({ origin: 'null' })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-allow-methods')).toBeNull()
  })
})
