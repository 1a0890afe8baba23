import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { normalizeNodeRequest } from '@whatwg-node/server'
import { afterEach, expect, it } from 'vitest'
import { NodeRequest } from './node-request.js'
import { toRequest } from './to-request.js'

let server: Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

/** The requests the server received, each as toRequest and as @whatwg-node/server build it. */
function capture(): Promise<{ origin: string; seen: Array<[Request, Request]> }> {
  const seen: Array<[Request, Request]> = []
  server = createServer(async (req, res) => {
    const ours = toRequest(req)!
    const theirs = normalizeNodeRequest(req, { Request: NodeRequest, URL } as never)
    seen.push([ours, theirs])
    await ours.text()
    res.end('ok')
  })
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => {
      resolve({ origin: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen })
    }),
  )
}

it.each([
  { name: 'GET with a query', path: '/a/b?x=1&y=%20', init: {} },
  { name: 'HEAD', path: '/', init: { method: 'HEAD' } },
  { name: 'an odd path', path: '/%E2%82%AC/%2F/..%2f?', init: {} },
  {
    name: 'POST with a body and repeated headers',
    path: '/json',
    init: {
      method: 'POST',
      body: '{"a":1}',
      headers: [
        ['content-type', 'application/json'],
        ['accept', 'text/html'],
        ['accept', 'application/json'],
      ] as [string, string][],
    },
  },
  { name: 'a custom method', path: '/x', init: { method: 'PURGE' } },
])('builds $name as @whatwg-node/server does', async ({ path, init }) => {
  const { origin, seen } = await capture()
  expect(await (await fetch(`${origin}${path}`, init)).text()).toBe(
    init.method === 'HEAD' ? '' : 'ok',
  )
  const [ours, theirs] = seen[0]!
  expect(ours).toBeInstanceOf(NodeRequest)
  expect(ours.url).toBe(theirs.url)
  expect(ours.method).toBe(theirs.method)
  expect([...ours.headers]).toEqual([...theirs.headers])
  expect(ours.body === null).toBe(theirs.body === null)
})

it('leaves requests with a framework’s additions or without Host to @whatwg-node/server', () => {
  const plain = { headers: { host: 'h' }, url: '/', method: 'GET' }
  const cases = [
    { ...plain, headers: {} },
    { ...plain, headers: { host: 'h', ':method': 'GET' } },
    { ...plain, body: { parsed: true } },
    { ...plain, query: {} },
    { ...plain, protocol: 'https' },
    { ...plain, originalUrl: '/api/' },
  ]
  for (const req of cases) expect(toRequest(req as unknown as IncomingMessage)).toBeUndefined()
  expect(toRequest(plain as unknown as IncomingMessage)?.url).toBe('http://h/')
})
