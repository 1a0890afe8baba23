import { createServer, type IncomingMessage, type Server } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import type { ExecutionContext } from '@ferry/router'
import { afterEach, expect, it } from 'vitest'
import { toNodeHandler } from './to-node-handler.js'

let server: Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(listener)
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)
    }),
  )
}

const whereApp = {
  async fetch(request: Request, _env?: unknown, ctx?: ExecutionContext) {
    return Response.json({ path: new URL(request.url).pathname, basePath: ctx?.basePath ?? null })
  },
}

it('serves an app from a plain node:http server', async () => {
  const origin = await listen(toNodeHandler(whereApp))
  expect(await (await fetch(`${origin}/posts/1`)).json()).toEqual({
    path: '/posts/1',
    basePath: null,
  })
})

it('hands an Express mount path to the app as basePath, with the full URL', async () => {
  const handler = toNodeHandler(whereApp)
  // What express().use('/api', handler) does to the request before calling the handler.
  const origin = await listen(
    (req: IncomingMessage & { baseUrl?: string; originalUrl?: string }, res) => {
      req.originalUrl = req.url
      req.baseUrl = '/api'
      req.url = req.url!.slice('/api'.length) || '/'
      void handler(req, res)
    },
  )
  expect(await (await fetch(`${origin}/api/posts/1`)).json()).toEqual({
    path: '/api/posts/1',
    basePath: '/api',
  })
})

/** Sends `head` as the raw request head and resolves with the whole raw answer. */
function rawRequest(origin: string, head: string): Promise<string> {
  const { port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(head))
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => {
      answer += d
    })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

it.each([
  ['a path in the Host', 'GET /posts/1 HTTP/1.1\r\nHost: a/b\r\n', 'Host'],
  ['a query in the Host', 'GET /posts/1 HTTP/1.1\r\nHost: a?b\r\n', 'Host'],
  ['a fragment in the Host', 'GET /posts/1 HTTP/1.1\r\nHost: a#b\r\n', 'Host'],
  ['user info in the Host', 'GET /posts/1 HTTP/1.1\r\nHost: user@evil\r\n', 'Host'],
  ['an asterisk target for GET', 'GET * HTTP/1.1\r\nHost: a\r\n', 'not a path'],
  ['an absolute target with user info', 'GET http://u@a/posts/1 HTTP/1.1\r\nHost: a\r\n', 'host'],
])('answers 400 with a problem for %s, before the app runs', async (_name, head, word) => {
  let called = false
  const origin = await listen(
    toNodeHandler({
      async fetch() {
        called = true
        return new Response('app')
      },
    }),
  )
  const answer = await rawRequest(origin, `${head}Connection: close\r\n\r\n`)
  expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  expect(answer).toMatch(/content-type: application\/problem\+json/i)
  const problem = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
  expect(problem).toMatchObject({ status: 400, title: 'Bad Request' })
  expect(problem.detail).toContain(word)
  expect(called).toBe(false)
})

it('takes the URL of an absolute-form target and ignores Host (RFC 9112 §3.2.2)', async () => {
  const seen: string[] = []
  const origin = await listen(
    toNodeHandler({
      async fetch(request: Request) {
        seen.push(request.url)
        return new Response('ok')
      },
    }),
  )
  const head = 'GET http://other.example:8080/posts/2?x=1 HTTP/1.1\r\nHost: a\r\n'
  const answer = await rawRequest(origin, `${head}Connection: close\r\n\r\n`)
  expect(answer).toMatch(/^HTTP\/1\.1 200 /)
  expect(seen).toEqual(['http://other.example:8080/posts/2?x=1'])
})

it('keeps serving names with digits, dots, dashes, underscores, ports and IPv6 literals', async () => {
  const hosts: string[] = []
  const origin = await listen(
    toNodeHandler({
      async fetch(request: Request) {
        hosts.push(new URL(request.url).host)
        return new Response('ok')
      },
    }),
  )
  for (const host of ['api-1.example.com:3000', 'my_service', '[::1]:8080', '10.0.0.1']) {
    const answer = await rawRequest(
      origin,
      `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 200 /)
  }
  expect(hosts).toEqual(['api-1.example.com:3000', 'my_service', '[::1]:8080', '10.0.0.1'])
})
