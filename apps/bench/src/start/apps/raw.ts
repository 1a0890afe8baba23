// The floor: the probed route answered by hand, with no framework. It answers only what the
// runner asks (`GET /users/:name`) and 404 otherwise, so it costs the runtime's own start only.

/** The answer of the raw servers to a path: the `/users/:name` greeting, or `undefined`. */
export function rawAnswer(method: string, path: string): string | undefined {
  if (method !== 'GET' || !path.startsWith('/users/')) return undefined
  const name = path.slice('/users/'.length)
  return name === '' || name.includes('/') ? undefined : `hello ${decodeURIComponent(name)}`
}

/** The raw fetch handler, for `Bun.serve`, `Deno.serve` and a module worker. */
export function rawFetch(request: Request): Response {
  const url = request.url
  const start = url.indexOf('/', url.indexOf('//') + 2)
  const q = url.indexOf('?', start)
  const body = rawAnswer(request.method, q === -1 ? url.slice(start) : url.slice(start, q))
  return body === undefined
    ? new Response('nothing here', { status: 404 })
    : new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } })
}
