// The problems the layers answer themselves: built with the app's Response class (the one the
// Node adapter passes, which it frames with a Content-Length) and worded like the router's own.
import { kind } from '@ferry/kind'
import { createRouter, type Layer } from '@ferry/router'
import { describe, expect, it } from 'vitest'
import { memorySource } from '../../test/memory-source'
import { bodyLimit } from './body-limit'
import { cors } from './cors'
import { csrf } from './csrf'
import { etag } from './etag'
import { serveStatic } from './static'

/** A class an adapter hands the router (`ExecutionContext.Response`), as the Node adapter does. */
class AdapterResponse extends Response {}

const files = memorySource({ '/a.txt': 'hello, file' })
const Doc = kind('GET /doc')
const Post = kind('POST /post')

// `Layer<any, any>`: layers that add fields (bodyLimit's `request`) are asked too.
async function ask(
  layer: Layer<any, any>,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const app = createRouter()
    .use(layer)
    .route(Doc, () => 'the document')
    .route(Post, () => 'posted')
  return app.fetch(new Request(`http://app.test${path}`, init), undefined, {
    Response: AdapterResponse,
  })
}

const cases: [string, () => Promise<Response>, number][] = [
  [
    'bodyLimit, a malformed length',
    () =>
      ask(bodyLimit({ max: 4 }), '/post', {
        method: 'POST',
        headers: { 'content-length': 'ten' },
        body: 'x',
      }),
    400,
  ],
  [
    'bodyLimit, a length over max',
    () =>
      ask(bodyLimit({ max: 4 }), '/post', {
        method: 'POST',
        headers: { 'content-length': '9' },
        body: 'too large',
      }),
    413,
  ],
  [
    'cors, a rejected origin',
    () =>
      ask(cors({ origin: ['https://a.example'], disallowed: 'reject' }), '/doc', {
        headers: { origin: 'https://evil.example' },
      }),
    403,
  ],
  [
    'csrf, a cross-site form post',
    () =>
      ask(csrf(), '/post', {
        method: 'POST',
        headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
        body: 'x',
      }),
    403,
  ],
  [
    'etag, a failed If-Match',
    () => ask(etag(), '/doc', { headers: { 'if-match': '"other"' } }),
    412,
  ],
  [
    'serveStatic, a missing file',
    () => ask(serveStatic(files, { fallthrough: false }), '/missing.txt'),
    404,
  ],
  [
    'serveStatic, another method',
    () => ask(serveStatic(files, { fallthrough: false }), '/a.txt', { method: 'DELETE' }),
    405,
  ],
  ['serveStatic, a bad path', () => ask(serveStatic(files), '/..%2fa.txt'), 400],
  [
    'serveStatic, a failed If-Match',
    () => ask(serveStatic(files), '/a.txt', { headers: { 'if-match': '"other"' } }),
    412,
  ],
  [
    'serveStatic, a range outside the file',
    () => ask(serveStatic(files), '/a.txt', { headers: { range: 'bytes=99-' } }),
    416,
  ],
]

describe("the layers' own problem answers", () => {
  it.each(cases)('%s: built with the adapter’s Response class', async (_name, send, status) => {
    const res = await send()
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res).toBeInstanceOf(AdapterResponse)
  })

  it.each(cases)('%s: a detail in the router’s style', async (_name, send, status) => {
    const body = (await (await send()).json()) as { status: number; title: string; detail: string }
    expect(body.status).toBe(status)
    // As the router writes them ('no route matches this path'): lower case, no full stop.
    expect(body.detail).toMatch(/^[a-z]/)
    expect(body.detail).not.toMatch(/\.$/)
  })
})
