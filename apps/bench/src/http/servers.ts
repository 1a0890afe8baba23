import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FetchApp } from '@ferry/router'
import { ferryApp, ferryNoSpecApp, h3App, honoApp, plainFetch } from './apps.js'

declare const Bun: {
  serve(o: {
    port: number
    hostname: string
    fetch: (r: Request) => Response | Promise<Response>
  }): {
    port: number
  }
}
declare const Deno: {
  serve(
    o: { port: number; hostname: string; onListen?: (a: { port: number }) => void },
    fetch: (r: Request) => Response | Promise<Response>,
  ): unknown
}

const HOST = '127.0.0.1'

/** `plainFetch` as an app, with the `Response` class the adapter offers (Node's, else global). */
const plainApp = () => ({
  fetch: (request: Request, _env?: unknown, ctx?: { Response?: typeof Response }) =>
    plainFetch(request, ctx?.Response ?? Response),
})

/** A server target: its name, runtime, and how to start it (resolving to its port). */
export interface Target {
  readonly name: string
  readonly runtime: 'node' | 'bun' | 'deno'
  readonly ours?: boolean
  readonly note?: string
  /** Run only when named in BENCH_HTTP_TARGETS (context a full run does not need). */
  readonly optional?: boolean
  start(): Promise<number>
}

function rawNode(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  if (path === '/' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Hi')
  } else if (path.startsWith('/id/') && req.method === 'GET') {
    const name = new URLSearchParams(q === -1 ? '' : url.slice(q + 1)).get('name')
    res
      .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`${path.slice(4)} ${name}`)
  } else if (path === '/json' && req.method === 'POST') {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      res.writeHead(200, { 'content-type': 'application/json' }).end(body)
    })
  } else {
    res.writeHead(404).end('not found')
  }
}

const listen = (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
  new Promise<number>((resolve) => {
    const s = createServer(handler)
    s.listen(0, HOST, () => resolve((s.address() as AddressInfo).port))
  })

/** What the Ferry adapters' `serve` share, as far as a target uses it. */
type AdapterServe = (
  app: FetchApp<any>,
  options: { port: number; hostname: string; handleSignals: boolean },
) => Promise<{ url: string }>

/**
 * Ferry's three targets on one adapter (`pkg`, imported by `load`): the app; the app with the
 * JSON echo reading `c.request.json()` (optional, named to run); the adapter alone.
 */
function ferryTargets(
  runtime: Target['runtime'],
  pkg: string,
  load: () => Promise<{ serve: AdapterServe }>,
  notes: { ferry?: string; plain?: string } = {},
): Target[] {
  const on = (app: () => FetchApp<any>) => async () => {
    const { serve } = await load()
    const s = await serve(app(), { port: 0, hostname: HOST, handleSignals: false })
    return Number(new URL(s.url).port)
  }
  return [
    { name: `ferry on ${pkg}`, runtime, ours: true, note: notes.ferry, start: on(ferryApp) },
    {
      name: `ferry, no body spec, on ${pkg}`,
      runtime,
      optional: true,
      note: 'context: POST /json reads c.request.json() in the handler (no json() spec)',
      start: on(ferryNoSpecApp),
    },
    {
      name: `plain handler on ${pkg}`,
      runtime,
      note: notes.plain ?? 'context: the adapter alone (no router)',
      start: on(plainApp),
    },
  ]
}

/** Every target, by runtime. */
export const targets: readonly Target[] = [
  { name: 'raw node:http', runtime: 'node', start: () => listen(rawNode) },
  ...ferryTargets('node', '@ferry/node', () => import('@ferry/node'), {
    ferry: '@whatwg-node/server 0.11 underneath',
    plain: 'context: the adapter alone (no router), answering with its Response class',
  }),
  {
    name: 'plain handler on @whatwg-node/server',
    runtime: 'node',
    note: 'context: the adapter alone, with its own Response class',
    async start() {
      const { createServerAdapter, Response: FastResponse } = await import('@whatwg-node/server')
      const adapter = createServerAdapter((req: Request) =>
        plainFetch(req, FastResponse as unknown as typeof Response),
      )
      return listen(adapter as unknown as (req: IncomingMessage, res: ServerResponse) => void)
    },
  },
  {
    name: 'hono on @hono/node-server',
    runtime: 'node',
    async start() {
      const { serve } = await import('@hono/node-server')
      const app = honoApp()
      return new Promise<number>((resolve) => {
        serve({ fetch: app.fetch, port: 0, hostname: HOST }, (info) => resolve(info.port))
      })
    },
  },
  {
    name: 'h3 on srvx',
    runtime: 'node',
    async start() {
      const { serve } = await import('srvx/node')
      const app = h3App()
      const s = serve({ fetch: app.fetch, port: 0, hostname: HOST, silent: true })
      await s.ready()
      return Number(new URL(s.url!).port)
    },
  },
  {
    name: 'raw Bun.serve',
    runtime: 'bun',
    async start() {
      return Bun.serve({ port: 0, hostname: HOST, fetch: (r) => plainFetch(r) }).port
    },
  },
  ...ferryTargets('bun', '@ferry/bun', () => import('@ferry/bun')),
  {
    name: 'hono on Bun.serve',
    runtime: 'bun',
    async start() {
      const app = honoApp()
      return Bun.serve({ port: 0, hostname: HOST, fetch: app.fetch }).port
    },
  },
  {
    name: 'raw Deno.serve',
    runtime: 'deno',
    start: () =>
      new Promise((resolve) => {
        Deno.serve({ port: 0, hostname: HOST, onListen: (a) => resolve(a.port) }, (r) =>
          plainFetch(r),
        )
      }),
  },
  ...ferryTargets('deno', '@ferry/deno', () => import('@ferry/deno')),
  {
    name: 'hono on Deno.serve',
    runtime: 'deno',
    start: () =>
      new Promise((resolve) => {
        const app = honoApp()
        Deno.serve({ port: 0, hostname: HOST, onListen: (a) => resolve(a.port) }, app.fetch)
      }),
  },
]
