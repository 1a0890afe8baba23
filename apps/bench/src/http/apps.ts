import { json } from '@ferry/body'
import { kind, str } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { getQuery, H3 } from 'h3'
import { Hono } from 'hono'

// The three endpoints of the HTTP group (as in the common web-framework benchmarks): a static
// text, a capture plus a query value, and a JSON echo.

/** The Ferry app. */
export function ferryApp() {
  return createRouter()
    .route(kind('GET /'), () => 'Hi')
    .route(kind('GET /id/:id', { query: { name: str } }), (c) => `${c.params.id} ${c.params.name}`)
    .route(kind('POST /json'), { body: json() }, (c) => c.json(c.body))
}

/**
 * The Ferry app with the JSON echo reading `c.request.json()` in its handler, without a body
 * spec: no Content-Type check, no limit, lenient UTF-8. Context only: beside `ferryApp` it
 * separates what the router's body-spec path costs from what `json()` costs.
 */
export function ferryNoSpecApp() {
  return createRouter()
    .route(kind('GET /'), () => 'Hi')
    .route(kind('GET /id/:id', { query: { name: str } }), (c) => `${c.params.id} ${c.params.name}`)
    .route(kind('POST /json'), async (c) => c.json(await c.request.json()))
}

/** The Hono app. */
export function honoApp() {
  return new Hono()
    .get('/', (c) => c.text('Hi'))
    .get('/id/:id', (c) => c.text(`${c.req.param('id')} ${c.req.query('name')}`))
    .post('/json', async (c) => c.json(await c.req.json()))
}

/** The h3 app. */
export function h3App() {
  return new H3()
    .get('/', () => 'Hi')
    .get('/id/:id', (e) => `${e.context.params?.id} ${getQuery(e).name}`)
    .post('/json', (e) => e.req.json())
}

/** A plain fetch handler, for the runtimes' own servers. */
export async function plainFetch(req: Request, R: typeof Response = Response): Promise<Response> {
  const url = req.url
  const start = url.indexOf('/', 8)
  const q = url.indexOf('?', start)
  const path = q === -1 ? url.slice(start) : url.slice(start, q)
  if (path === '/' && req.method === 'GET')
    return new R('Hi', { headers: { 'content-type': TEXT } })
  if (path.startsWith('/id/') && req.method === 'GET') {
    const name = new URLSearchParams(q === -1 ? '' : url.slice(q + 1)).get('name')
    return new R(`${path.slice(4)} ${name}`, { headers: { 'content-type': TEXT } })
  }
  if (path === '/json' && req.method === 'POST') {
    return new R(JSON.stringify(await req.json()), {
      headers: { 'content-type': 'application/json' },
    })
  }
  return new R('not found', { status: 404 })
}

// A fresh headers object per response: @whatwg-node/server's Response writes content-length into
// the init object it is given, so a shared one would carry the first body's length to the next.
const TEXT = 'text/plain; charset=utf-8'
