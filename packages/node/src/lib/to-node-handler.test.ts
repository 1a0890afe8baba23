import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
