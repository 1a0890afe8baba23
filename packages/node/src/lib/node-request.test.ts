import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { toRequest } from './to-request.js'

let server: Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

/** A server answering each request with what `read` makes of its `toRequest` Request. */
function serveReading(read: (request: Request) => Promise<unknown>): Promise<string> {
  server = createServer(async (req, res) => {
    try {
      res.end(JSON.stringify({ ok: await read(toRequest(req)!) }))
    } catch (error) {
      res.end(JSON.stringify({ error: (error as Error).message }))
    }
  })
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)
    }),
  )
}

const post = (origin: string, body: BodyInit) =>
  fetch(`${origin}/`, { method: 'POST', body, duplex: 'half' } as RequestInit).then((r) => r.json())

const decode = (b: ArrayBuffer | Uint8Array) => new TextDecoder().decode(b)

it.each([
  ['text()', (r: Request) => r.text()],
  ['json()', (r: Request) => r.json().then((v) => JSON.stringify(v))],
  ['arrayBuffer()', (r: Request) => r.arrayBuffer().then(decode)],
  [
    'bytes()',
    (r: Request) => (r as Request & { bytes(): Promise<Uint8Array> }).bytes().then(decode),
  ],
])('reads a POST body with %s', async (_, read) => {
  const origin = await serveReading(read)
  expect(await post(origin, '{"a":[1,"é"]}')).toEqual({ ok: '{"a":[1,"é"]}' })
})

it('refuses a second read of a body, as the Fetch standard and the other runtimes do', async () => {
  const origin = await serveReading(async (r) => {
    const first = await r.text()
    const second = await r.arrayBuffer().then(
      () => 'read again',
      (e: Error) => `${e.name}: ${e.message}`,
    )
    return [first, r.bodyUsed, second]
  })
  expect(await post(origin, 'twice')).toEqual({
    ok: ['twice', true, 'TypeError: Body is unusable: the request body was already read'],
  })
})

it('reads an absent body (GET) as empty as often as asked', async () => {
  const origin = await serveReading(async (r) => [await r.text(), await r.text(), r.bodyUsed])
  const res = await fetch(`${origin}/`).then((x) => x.json())
  expect(res).toEqual({ ok: ['', '', false] })
})

it('reads a body sent in many chunks whole', async () => {
  const chunks = ['{"n":', '1', '2', '3}']
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.shift()
      if (next === undefined) return controller.close()
      await new Promise((r) => setTimeout(r, 5))
      controller.enqueue(new TextEncoder().encode(next))
    },
  })
  const origin = await serveReading((r) => r.json())
  expect(await post(origin, stream)).toEqual({ ok: { n: 123 } })
})

it('still reads through the body stream when the app took that first', async () => {
  const origin = await serveReading(async (r) => {
    const reader = r.body!.getReader()
    let text = ''
    for (let c = await reader.read(); !c.done; c = await reader.read()) text += decode(c.value)
    return text
  })
  expect(await post(origin, 'streamed')).toEqual({ ok: 'streamed' })
})

it('fails the read when the client goes away mid-body', async () => {
  let failure: Promise<unknown> | undefined
  const seen = new Promise<void>((resolve) => {
    server = createServer((req) => {
      failure = toRequest(req)!
        .text()
        .then(
          () => 'read',
          (e: Error) => e.message,
        )
      resolve()
    })
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  const client = httpRequest({
    port: (server!.address() as AddressInfo).port,
    host: '127.0.0.1',
    method: 'POST',
    headers: { 'content-length': '100' },
  })
  client.on('error', () => {})
  client.write('only part of it')
  await seen
  client.destroy()
  expect(await failure).toMatch(/closed|aborted/)
})
