// JSON request bodies: `await request.json()` against @ferry/body's `json()` spec parse, on the
// runtime running this file. Every iteration builds a fresh `Request` (the same cost for every
// row) and parses it; answers are checked before anything is timed. Two Ferry rows: the body as
// an in-process `Request` (not framed: bytes are counted chunk by chunk) and as a real server
// hands it over (`framed`: a `Content-Length` within the limit is read in one call).
// `runJson()` prints one table per body; `json-runtimes.ts` runs this file on Node, Bun and Deno.
import { json } from '@ferry/body'
import { type BodyParseContext, parseMediaType } from '@ferry/router'
import * as v from 'valibot'
import { header } from '../lib/env.js'
import { compare, keep } from '../lib/measure.js'
import { type Row, table } from '../lib/table.js'

/** The HTTP group's echo body, then larger documents of the same shape. */
const SMALL = '{"hello":"world","n":[1,2,3],"nested":{"ok":true}}'

function document(items: number): string {
  const list = []
  for (let i = 0; i < items; i++) {
    list.push({ id: i, name: `item ${i}`, tags: ['a', 'b'], price: i * 1.5, ok: i % 2 === 0 })
  }
  return JSON.stringify({ items: list })
}

const bodies: [string, string][] = [
  ['the HTTP echo body (52 B)', SMALL],
  ['100 items (8 KiB)', document(100)],
  ['10,000 items (0.8 MiB)', document(10_000)],
]

const encoder = new TextEncoder()
const Item = v.object({
  id: v.number(),
  name: v.string(),
  tags: v.array(v.string()),
  price: v.number(),
  ok: v.boolean(),
})
const Doc = v.object({ items: v.array(Item) })
const Small = v.object({
  hello: v.string(),
  n: v.array(v.number()),
  nested: v.object({ ok: v.boolean() }),
})

function requestOf(bytes: Uint8Array, withLength: boolean): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (withLength) headers['content-length'] = String(bytes.byteLength)
  return new Request('http://bench.local/json', {
    method: 'POST',
    body: bytes as Uint8Array<ArrayBuffer>,
    headers,
  })
}

// The router parses the Content-Type once per request whatever the spec; that is not timed here.
const media = parseMediaType('application/json')

function contextOf(request: Request, framed: boolean): BodyParseContext {
  return {
    mediaType: media?.essence ?? '',
    mediaParams: media?.params ?? {},
    framed,
    get signal() {
      return request.signal
    },
  }
}

type Parse = (bytes: Uint8Array) => Promise<unknown>

function ferry(schema: v.GenericSchema | undefined, framed: boolean): Parse {
  const spec = schema ? json(schema, { limit: 4 * 1024 * 1024 }) : json({ limit: 4 * 1024 * 1024 })
  return (bytes) => {
    const request = requestOf(bytes, framed)
    return spec.parse(request, contextOf(request, framed))
  }
}

/** Times every way of reading each body on this runtime and returns the Markdown report. */
export async function runJson(): Promise<string> {
  const out = [header('JSON request bodies', ['valibot'])]
  for (const [name, text] of bodies) {
    const bytes = encoder.encode(text)
    const schema = text === SMALL ? Small : Doc
    const ways = new Map<string, Parse>([
      ['await request.json()', (b) => requestOf(b, true).json()],
      ['ferry json(), in-process (counted)', ferry(undefined, false)],
      ['ferry json(), framed', ferry(undefined, true)],
      ['ferry json(schema), framed', ferry(schema, true)],
    ])
    const want = JSON.stringify(JSON.parse(text))
    const rows: Row[] = []
    const fns = new Map<string, () => Promise<void>>()
    for (const [way, parse] of ways) {
      const got = JSON.stringify(await parse(bytes))
      if (got !== want) {
        rows.push({ name: way, value: undefined, note: 'wrong answer', ours: way.startsWith('f') })
        continue
      }
      fns.set(way, async () => keep(await parse(bytes)))
    }
    const times = await compare(fns, true)
    for (const [way, ns] of times)
      rows.push({ name: way, value: ns / 1000, ours: way !== 'await request.json()' })
    out.push(`### ${name}`, '', table(rows, { unit: 'µs per request', lowerIsBetter: true }), '')
  }
  return out.join('\n')
}
