import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { H3 } from 'h3'
import { Hono } from 'hono'
import { Router as IttyRouter } from 'itty-router'
import { appRoutes, bodyOf } from '../lib/routes-app.js'

/** A fetch handler under test. */
export interface App {
  readonly name: string
  readonly ours?: boolean
  readonly note?: string
  readonly fetch: (request: Request) => Response | Promise<Response>
}

const restTo = (path: string, star: string) => path.replace(/\*(\w+)$/, star)

function ferry(): App {
  const app = createRouter()
  for (const r of appRoutes) {
    app.route(kind(`${r.method} ${r.path}`), (c) =>
      c.text(bodyOf(Object.values(c.params as Record<string, unknown>))),
    )
  }
  return {
    name: 'ferry',
    ours: true,
    note:
      'createRouter().route(kind(...)), captures decoded; on Node it answers with the light ' +
      'Response of decision 006 (a real Response, made by undici only when its body is read)',
    fetch: app.fetch,
  }
}

function hono(): App {
  const app = new Hono()
  for (const r of appRoutes) {
    app.on(r.method, restTo(r.path, ':$1{.+}'), (c) => c.text(bodyOf(Object.values(c.req.param()))))
  }
  return { name: 'hono', note: 'default SmartRouter (RegExpRouter here)', fetch: app.fetch }
}

function h3(): App {
  const app = new H3()
  for (const r of appRoutes) {
    app.on(r.method as 'GET', restTo(r.path, '**:$1'), (event) =>
      bodyOf(Object.values(event.context.params ?? {})),
    )
  }
  return { name: 'h3', fetch: (req) => app.fetch(req) }
}

function itty(): App {
  const router = IttyRouter()
  for (const r of appRoutes) {
    const on = (router as unknown as Record<string, Function>)[r.method.toLowerCase()]!
    on(
      restTo(r.path, ':$1+'),
      (req: { params: Record<string, string> }) => new Response(bodyOf(Object.values(req.params))),
    )
  }
  return {
    name: 'itty-router',
    note: 'Router() with a 404 fallback',
    fetch: async (req) => (await router.fetch(req)) ?? new Response('not found', { status: 404 }),
  }
}

function bare(): App {
  return {
    name: "bare new Response('ok')",
    note: 'no routing at all: the floor',
    fetch: () => new Response('ok'),
  }
}

/** Every app of the group, Ferry first. */
export function apps(): App[] {
  return [ferry(), hono(), h3(), itty(), bare()]
}
