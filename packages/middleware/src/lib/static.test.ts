import { describe, expect, it } from 'vitest'
import { answer, run } from '../../test/harness'
import { memorySource } from '../../test/memory-source'
import { formatHttpDate } from './http-date'
import { serveFile } from './serve-file'
import { type ServeStaticOptions, serveStatic } from './static'
import { resolveStaticPath } from './static-path'

const files = {
  '/index.html': '<h1>home</h1>',
  '/hello.txt': '0123456789',
  '/docs/index.html': 'docs',
  '/docs/a b.txt': 'spaced',
  '/.env': 'SECRET=1',
  '/.git/config': 'x',
  '/data.bin': 'bin',
}
const routes = answer('route', { status: 404 })
const get = (
  path: string,
  headers: Record<string, string> = {},
  options: ServeStaticOptions = {},
  method = 'GET',
) => {
  const source = memorySource(files)
  return run([serveStatic(source, options)], routes, `http://app.test${path}`, {
    headers,
    method,
  }).then((res) => ({
    res,
    source,
  }))
}

describe('serveStatic()', () => {
  it('serves a file with validators and a content type', async () => {
    const { res } = await get('/hello.txt')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('0123456789')
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.get('content-length')).toBe('10')
    expect(res.headers.get('etag')).toMatch(/^"a-[0-9a-f]+"$/)
    expect(res.headers.get('last-modified')).toBe(formatHttpDate(Date.UTC(2026, 0, 1)))
    expect(res.headers.get('accept-ranges')).toBe('bytes')
  })

  it('decodes percent-escapes once', async () => {
    expect(await (await get('/docs/a%20b.txt')).res.text()).toBe('spaced')
  })

  it('answers HEAD with headers only and reads nothing', async () => {
    const { res, source } = await get('/hello.txt', {}, {}, 'HEAD')
    expect(res.headers.get('content-length')).toBe('10')
    expect(res.body).toBeNull()
    expect(source.reads).toEqual([])
  })

  // RFC 9110 §14.2: GET is the only method with range handling; a server MUST ignore Range on
  // others, so a HEAD probe sees the whole file's 200, and never a 416.
  it.each(['bytes=0-3', 'bytes=50-60'])(
    'answers HEAD with Range %s as the whole file',
    async (r) => {
      const { res, source } = await get('/hello.txt', { range: r }, {}, 'HEAD')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-length')).toBe('10')
      expect(res.headers.get('content-range')).toBeNull()
      expect(source.reads).toEqual([])
    },
  )

  it('sends the bytes stat counted when the file grew before the read, and reads no empty file', async () => {
    const source = memorySource({ ...files, '/empty.txt': '' })
    // stat runs first and sees the file as it was: four bytes, then it grows to ten.
    const grown: typeof source = {
      ...source,
      stat: async (path) => {
        const s = await source.stat(path)
        return s && path === '/hello.txt' ? { ...s, size: 4 } : s
      },
    }
    const res = await run([serveStatic(grown)], routes, 'http://app.test/hello.txt')
    expect(res.headers.get('content-length')).toBe('4')
    expect(await res.text()).toBe('0123')
    const empty = await run([serveStatic(source)], routes, 'http://app.test/empty.txt')
    expect(empty.status).toBe(200)
    expect(empty.headers.get('content-length')).toBe('0')
    expect(await empty.text()).toBe('')
    expect(source.reads).toEqual(['/hello.txt:0-3'])
  })

  it('answers If-None-Match and If-Modified-Since with 304', async () => {
    const { res: first } = await get('/hello.txt')
    const { res, source } = await get('/hello.txt', { 'if-none-match': first.headers.get('etag')! })
    expect(res.status).toBe(304)
    expect(source.reads).toEqual([])
    const { res: byDate } = await get('/hello.txt', {
      'if-modified-since': first.headers.get('last-modified')!,
    })
    expect(byDate.status).toBe(304)
    // If-None-Match present and not matching: If-Modified-Since is not consulted (RFC 9110 §13.1.3).
    const { res: conflict } = await get('/hello.txt', {
      'if-none-match': '"other"',
      'if-modified-since': first.headers.get('last-modified')!,
    })
    expect(conflict.status).toBe(200)
  })

  it('serves a single range with 206', async () => {
    const { res, source } = await get('/hello.txt', { range: 'bytes=2-5' })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe('bytes 2-5/10')
    expect(res.headers.get('content-length')).toBe('4')
    expect(await res.text()).toBe('2345')
    expect(source.reads).toEqual(['/hello.txt:2-5'])
    expect(await (await get('/hello.txt', { range: 'bytes=-3' })).res.text()).toBe('789')
  })

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const { res } = await get('/hello.txt', { range: 'bytes=10-' })
    expect(res.status).toBe(416)
    expect(res.headers.get('content-range')).toBe('bytes */10')
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it.each([
    ['several ranges', { range: 'bytes=0-1,4-5' }],
    ['a malformed range', { range: 'bytes=x-y' }],
    ['a stale If-Range', { range: 'bytes=0-1', 'if-range': '"old"' }],
  ])('sends the whole file for %s', async (_n, headers) => {
    const { res } = await get('/hello.txt', headers)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('0123456789')
  })

  it('serves index files and redirects a directory to its slashed URL', async () => {
    expect(await (await get('/')).res.text()).toBe('<h1>home</h1>')
    expect(await (await get('/docs/')).res.text()).toBe('docs')
    const { res } = await get('/docs?x=1')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/docs/?x=1')
  })

  it.each([
    ['the mount root', '/static', { prefix: '/static' }],
    ['a subdirectory', '/static/img', { prefix: '/static' }],
    ['a directory, with index: false', '/static/docs', { prefix: '/static', index: false }],
  ] as const)(
    'answers %s without an index file as its slashed URL would, not 308 to a 404',
    async (_n, path, options) => {
      const source = memorySource({ '/img/logo.png': 'png', '/docs/index.html': 'docs' })
      const ask = (p: string) =>
        run(
          [serveStatic(source, { ...options, fallthrough: false })],
          routes,
          `http://app.test${p}`,
        )
      const bare = await ask(path)
      const slashed = await ask(`${path}/`)
      expect(slashed.status).toBe(404)
      expect(bare.status).toBe(404)
      expect(bare.headers.get('location')).toBeNull()
      expect(await bare.json()).toEqual(await slashed.json())
      // With fallthrough the routes answer it, rather than a redirect to a path they do not have.
      const passed = await run([serveStatic(source, options)], routes, `http://app.test${path}`)
      expect(await passed.text()).toBe('route')
    },
  )

  it('redirects the mount root to its slashed URL when it has an index file', async () => {
    const source = memorySource({ '/index.html': 'home' })
    const res = await run(
      [serveStatic(source, { prefix: '/static' })],
      routes,
      'http://app.test/static',
    )
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/static/')
    expect(res.headers.get('content-length')).toBe('0')
  })

  it.each([
    ['a dot-dot with an encoded slash', '/..%2fsecret'],
    ['an encoded backslash', '/..%5csecret'],
    ['a NUL byte', '/hello.txt%00.png'],
    ['a control character', '/hello%0a.txt'],
    // C1 controls are control characters too; NEL (U+0085) ends a line for some log readers.
    ['a C1 control character', '/hello%C2%85.txt'],
    ['invalid UTF-8', '/%ff.txt'],
    ['a broken escape', '/%zz'],
    ['an empty segment', '/docs//index.html'],
    ['mixed-case encoding', '/%2E%2E%2fsecret'],
  ])('refuses %s with 400 and never asks the source', async (_n, path) => {
    const { res } = await get(path)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it.each(['/.env', '/.git/config', '/docs/../.env', '/%2eenv'])(
    'never serves the dotfile %s',
    async (path) => {
      const { res } = await get(path)
      expect(res.status).toBe(404)
      expect(await res.text()).toBe('route')
    },
  )

  it.each([
    ['literal', '/docs/../../hello.txt', '0123456789'],
    ['encoded', '/docs/%2e%2e/%2E%2E/hello.txt', '0123456789'],
    ['encoded, escaping', '/%2e%2e/%2e%2e/etc/passwd', 'route'],
  ])(
    'stays inside the root on %s dot segments (the URL parser resolves them)',
    async (_n, path, body) => {
      // memorySource throws if a path with `..` ever reaches it, which would show here as a 500.
      const { res } = await get(path)
      expect(await res.text()).toBe(body)
    },
  )

  it('falls through to the routes for missing files and other methods', async () => {
    expect(await (await get('/missing.txt')).res.text()).toBe('route')
    expect(await (await get('/hello.txt', {}, {}, 'POST')).res.text()).toBe('route')
  })

  it('answers 404 and 405 itself without fallthrough', async () => {
    expect((await get('/missing.txt', {}, { fallthrough: false })).res.status).toBe(404)
    const { res } = await get('/hello.txt', {}, { fallthrough: false }, 'DELETE')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD')
  })

  it('serves under a prefix only', async () => {
    const options = { prefix: '/assets/', cacheControl: 'public, max-age=31536000, immutable' }
    const { res } = await get('/assets/hello.txt', {}, options)
    expect(await res.text()).toBe('0123456789')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await (await get('/hello.txt', {}, options)).res.text()).toBe('route')
    expect(await (await get('/assetsX/hello.txt', {}, options)).res.text()).toBe('route')
  })

  it('serves under a prefix with spaces or non-ASCII letters', async () => {
    // Request paths arrive percent-encoded; the prefix is written as text.
    const options = { prefix: '/dateien für alle' }
    const { res } = await get('/dateien%20f%C3%BCr%20alle/hello.txt', {}, options)
    expect(await res.text()).toBe('0123456789')
    // Escapes are case-insensitive (RFC 3986 §6.2.2.1), and the router reads them so.
    const lower = await get('/dateien%20f%c3%bcr%20alle/hello.txt', {}, options)
    expect(await lower.res.text()).toBe('0123456789')
  })

  it('labels unknown extensions as octet-stream', async () => {
    expect((await get('/data.bin')).res.headers.get('content-type')).toBe(
      'application/octet-stream',
    )
  })

  // The type tables are plain objects: the (lower-cased) extension `constructor` or `__proto__`
  // must not find their prototype's members and send `function Object() { [native code] }`.
  it.each(['/x.constructor', '/X.__PROTO__'])(
    'labels %s as octet-stream, with or without extra types',
    async (path) => {
      const source = memorySource({ [path]: 'x' })
      for (const options of [{}, { types: { gltf: 'model/gltf+json' } }]) {
        const res = await run([serveStatic(source, options)], routes, `http://app.test${path}`)
        expect(res.headers.get('content-type')).toBe('application/octet-stream')
      }
    },
  )

  it('refuses a bad prefix', () => {
    expect(() => serveStatic(memorySource({}), { prefix: 'assets' })).toThrow(TypeError)
  })

  it.each([
    ['a path up', '../secret.txt'],
    ['a nested path', 'sub/index.html'],
    ['a dotfile', '.env'],
    ['an empty name', ''],
  ])('refuses %s as an index name, before any request reaches the source', async (_n, name) => {
    const message = /serveStatic\(\): index names are file names/
    expect(() => serveStatic(memorySource(files), { index: [name] })).toThrow(message)
    // serveFile takes its options per call: it refuses them there, before asking the source.
    const source = memorySource(files)
    const request = new Request('http://app.test/docs/')
    await expect(serveFile(request, source, '/docs', { index: [name] })).rejects.toThrow(TypeError)
  })
})

describe('resolveStaticPath', () => {
  it.each([
    ['/', { ok: true, path: '/', directory: true }],
    ['/a/b.txt', { ok: true, path: '/a/b.txt', directory: false }],
    ['/a/', { ok: true, path: '/a', directory: true }],
    ['/caf%C3%A9', { ok: true, path: '/café', directory: false }],
    ['/a/..', { ok: false, reason: 'bad' }],
    ['/.well-known/x', { ok: false, reason: 'hidden' }],
  ])('%s', (input, expected) => {
    expect(resolveStaticPath(input)).toEqual(expected)
  })
})

describe('serveFile', () => {
  const source = memorySource(files)
  const req = new Request('http://app.test/files/x')
  it.each([
    '/../hello.txt',
    '/docs/../../x',
    '/.env',
    'hello.txt',
    '/a\\b',
    '/a\0',
    '/a\u0085',
    '//hello.txt',
    '/docs/',
  ])('refuses the unsafe path %j with HttpError 400', async (path) => {
    await expect(serveFile(req, source, path)).rejects.toMatchObject({
      name: 'HttpError',
      status: 400,
    })
  })
  it('serves a safe path and answers undefined for a missing one', async () => {
    expect(await (await serveFile(req, source, '/hello.txt'))!.text()).toBe('0123456789')
    expect(await serveFile(req, source, '/nope.txt')).toBeUndefined()
  })
})
