// Every case of the table, through every public multipart reader, fed whole, one byte per chunk
// and in three seeded random chunkings: each must give the expected parts or the expected problem.
import { describe, expect, it } from 'vitest'
import {
  field,
  file,
  type MultipartFields,
  type MultipartLimits,
  type MultipartPart,
  multipart,
  parseMultipart,
} from '../src/index.js'
import { CHUNKINGS, chunk, contextOf, failureOf, postOf, streamOf } from './helpers.js'
import { CASES, type Case, type Expected, type ExpectedPart } from './multipart-cases.js'

const latin1Of = (b: Uint8Array) => Buffer.from(b).toString('latin1')
const utf8Text = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8')
const withoutText = (e: Expected): Expected =>
  'parts' in e ? { parts: e.parts.map(({ text: _, ...p }) => p) } : e

async function viaStream(part: MultipartPart): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const reader = part.body.getReader()
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value)
  return Buffer.concat(chunks)
}

async function collectParts(
  parts: AsyncIterable<MultipartPart>,
  read: (p: MultipartPart) => Promise<Uint8Array>,
): Promise<Expected> {
  const out: ExpectedPart[] = []
  for await (const p of parts) {
    const entry: ExpectedPart = { name: p.name, type: p.type, content: latin1Of(await read(p)) }
    if (p.filename !== undefined) entry.filename = p.filename
    out.push(entry)
  }
  return { parts: out }
}

/** Keeps what the typed record can tell: order within a name, filename and type for files. */
function asRecord(expected: Expected): Expected {
  if (!('parts' in expected)) return expected
  const byName = [...expected.parts].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )
  return {
    parts: byName.map((p) =>
      p.filename === undefined
        ? { name: p.name, type: '', content: p.text ?? utf8Text(p.content) }
        : p,
    ),
  }
}

function specsFor(c: Case): MultipartFields {
  const specs: MultipartFields = {}
  if ('parts' in c.expect) {
    for (const p of c.expect.parts) {
      specs[p.name] =
        p.filename === undefined
          ? field({ multiple: true })
          : file({ memory: true, multiple: true, optional: true })
    }
  }
  return specs
}

async function typedRead(request: Request, c: Case, limits?: MultipartLimits): Promise<Expected> {
  const spec = multipart({ fields: specsFor(c), limits, unknown: 'ignore' })
  const record = (await spec.parse(request, contextOf(request))) as Record<string, unknown>
  const parts: ExpectedPart[] = []
  for (const name of Object.keys(record).sort()) {
    for (const v of record[name] as (string | MultipartPart)[]) {
      if (typeof v === 'string') {
        parts.push({ name, type: '', content: v })
      } else {
        const entry: ExpectedPart = { name, type: v.type, content: latin1Of(await v.bytes()) }
        if (v.filename !== undefined) entry.filename = v.filename
        parts.push(entry)
      }
    }
  }
  return { parts }
}

type Reader = (request: Request, c: Case) => Promise<Expected>

const READERS: [string, Reader, (e: Expected) => Expected][] = [
  [
    'parseMultipart, bodies read as streams',
    (request, c) => collectParts(parseMultipart(request, c.limits), viaStream),
    withoutText,
  ],
  [
    'multipart.stream, bodies read with bytes()',
    async (request, c) => {
      const reader = await multipart.stream(c.limits).parse(request, contextOf(request))
      return collectParts(reader, (p) => p.bytes())
    },
    withoutText,
  ],
  [
    'multipart({ fields }), a typed record',
    (request, c) => typedRead(request, c, c.limits),
    asRecord,
  ],
]

describe.each(READERS)('%s', (_, read, expectedAs) => {
  it.each(CASES)(
    '$name',
    async (c) => {
      for (const how of CHUNKINGS) {
        const request = postOf(streamOf(chunk(c.body, how)), c.contentType)
        const got = 'parts' in c.expect ? await read(request, c) : await failureOf(read(request, c))
        expect({ how, got }).toEqual({ how, got: expectedAs(c.expect) })
      }
    },
    30_000,
  )
})
