// Differential fuzz: seeded random multipart bodies (test/multipart-fuzz-bodies.ts), cut into
// random chunks, read by the package's readers and by a reference parser written from RFC 2046
// §5.1.1 (split on the full delimiter); both must agree, on the parts and on the first limit
// crossed. Corrupted bodies must fail with a 400 or 413 problem, never succeed and never hang.
// Deterministic (fixed seeds) and bounded: a few hundred small bodies.
import { describe, expect, it } from 'vitest'
import {
  bytesOf,
  firstLimit,
  int,
  latin1,
  pick,
  type Random,
  type ReferencePart,
  referenceParse,
  type Sample,
  type Seen,
  sampleOf,
  tightLimits,
} from '../../test/multipart-fuzz-bodies.js'
import { contextOf, join, postOf, prng, streamOf } from '../../test/helpers.js'
import type { MultipartLimits } from './limits.js'
import { multipart } from './multipart.js'
import { field, file, type MultipartFields } from './multipart-fields.js'
import type { MultipartPart } from './multipart-part.js'
import { parseMultipart } from './parse-multipart.js'

/**
 * Random cuts: one byte each, whole, or mostly 1 to a delimiter's length (so delimiters straddle
 * chunks) and some large; sometimes as Node `Buffer`s (pooled views at an offset) and with empty
 * chunks between, as some sources deliver.
 */
function chunksOf(r: Random, body: Uint8Array, boundary: string): Uint8Array[] {
  const mode = r()
  const buffers = r() < 0.3
  const empties = r() < 0.2
  const span = boundary.length + 6
  const out: Uint8Array[] = []
  for (let i = 0; i < body.length; ) {
    const size =
      mode < 0.15 ? 1 : mode < 0.3 ? body.length : r() < 0.8 ? 1 + int(r, span) : 1 + int(r, 2000)
    const piece = body.slice(i, i + size)
    out.push(buffers ? Buffer.from(piece) : piece)
    if (empties && r() < 0.3) out.push(new Uint8Array(0))
    i += size
  }
  return out
}

/** Rejects with "hang" when `promise` does not settle: a guard for the harness, not a timing test. */
function guarded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what}`)), 10_000)
  })
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer))
}

async function readAll(part: MultipartPart, how: number): Promise<Uint8Array | undefined> {
  if (how === 0) return undefined // left unread: the reader skips it
  if (how === 1) return part.bytes()
  const chunks: Uint8Array[] = []
  const reader = part.body.getReader()
  for (let c = await reader.read(); !c.done; c = await reader.read()) chunks.push(c.value)
  return join(chunks)
}

/**
 * The parts `parseMultipart` or `multipart.stream` reads, each body read whole, as a stream, or
 * left unread.
 */
async function viaReader(r: Random, request: Request, limits?: MultipartLimits) {
  const out: (Seen & { unread?: true })[] = []
  const parts =
    r() < 0.5
      ? parseMultipart(request, limits)
      : await multipart.stream(limits).parse(request, contextOf(request))
  for await (const part of parts) {
    const content = await readAll(part, int(r, 2))
    const seen = { name: part.name, filename: part.filename, type: part.type }
    out.push(
      content ? { ...seen, content: latin1(content) } : { ...seen, content: '', unread: true },
    )
  }
  return out
}

/**
 * The parts `multipart({ fields })` reads, by declared name, in order within each name. A file
 * that comes last, under a name of its own, is declared streamed (read after the record is built).
 */
async function viaRecord(sample: Sample, request: Request, limits?: MultipartLimits) {
  const fields: MultipartFields = {}
  for (const p of sample.parts) {
    fields[p.name] =
      p.filename === undefined
        ? field({ multiple: true })
        : file({ memory: true, multiple: true, optional: true })
  }
  const last = sample.parts.at(-1)
  const streamed =
    last?.filename !== undefined && sample.parts.filter((p) => p.name === last.name).length === 1
  if (streamed) fields[last.name] = file({ optional: true })
  const spec = multipart({ fields, limits })
  const record = (await spec.parse(request, contextOf(request))) as Record<string, unknown>
  const out: Record<string, Seen[]> = {}
  for (const [name, value] of Object.entries(record)) {
    out[name] = []
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
    for (const v of values as (string | MultipartPart)[]) {
      out[name]!.push(
        typeof v === 'string'
          ? { name, filename: undefined, type: '', content: latin1(bytesOf(v)) }
          : { name, filename: v.filename, type: v.type, content: latin1(await v.bytes()) },
      )
    }
  }
  return out
}

/** What the typed record should hold: fields as text, no entry for an empty file input. */
function recordOf(parts: readonly Seen[]): Record<string, Seen[]> {
  const out: Record<string, Seen[]> = {}
  for (const p of parts) {
    out[p.name] ??= []
    if (p.filename === '' && p.content === '') continue
    out[p.name]!.push(p.filename === undefined ? { ...p, type: '' } : p)
  }
  return out
}

/** The parts without what only the reference reports. */
const seen = (parts: ReferencePart[]): Seen[] => parts.map(({ headerBytes, pairs, ...p }) => p)

/** What a read gives, as compared: `ok`, or the problem without its detail. */
const outcomeOf = (read: Promise<unknown>, label: string) =>
  guarded(
    read.then(
      () => 'ok',
      (e) => ({ status: e.status, ...e.fields, detail: undefined }),
    ),
    label,
  )

const requestOf = (r: Random, s: Sample, body = s.body) =>
  postOf(streamOf(chunksOf(r, body, s.boundary)), s.contentType)

describe('multipart differential fuzz', () => {
  it('reads 250 random bodies in random chunkings as the reference parser does', async () => {
    const r = prng(0x5eed)
    for (let n = 0; n < 250; n++) {
      const s = sampleOf(r)
      const reference = seen(referenceParse(s.body, s.boundary))
      // The reference agrees with how the body was built, so it can be trusted below.
      expect(reference).toEqual(s.parts)
      const label = `sample ${n}, boundary ${JSON.stringify(s.boundary)}`
      const got = await guarded(viaReader(r, requestOf(r, s)), label)
      expect({ label, got }).toEqual({
        label,
        got: reference.map((p, i) => (got[i]?.unread ? { ...p, content: '', unread: true } : p)),
      })
      const record = await guarded(viaRecord(s, requestOf(r, s)), label)
      expect({ label, record }).toEqual({ label, record: recordOf(reference) })
    }
  })

  it('answers the limit a body crosses first, as the reference counts it', async () => {
    const r = prng(0x1e7)
    for (let n = 0; n < 150; n++) {
      const s = sampleOf(r)
      const reference = referenceParse(s.body, s.boundary)
      const limits = tightLimits(r, reference)
      const problem = firstLimit(reference, limits)
      const expected = problem ? { ...problem, detail: undefined } : 'ok'
      const label = `sample ${n}, limits ${JSON.stringify(limits)}`
      for (const read of [
        () => viaReader(r, requestOf(r, s), limits),
        () => viaRecord(s, requestOf(r, s), limits),
      ]) {
        const outcome = await outcomeOf(read(), label)
        expect({ label, outcome }).toEqual({ label, outcome: expected })
      }
    }
  })

  const CORRUPTIONS: [string, (r: Random, s: Sample) => [Uint8Array, MultipartLimits?], object][] =
    [
      [
        'cut anywhere before the end of the close delimiter',
        (r, s) => [s.body.slice(0, int(r, s.closeEnd - 1))],
        { status: 400, defect: 'truncated' },
      ],
      [
        'without its close delimiter',
        (_, s) => [join([s.body.slice(0, s.closeEnd - 2), bytesOf('\r\n')])],
        { status: 400, defect: 'truncated' },
      ],
      [
        'with a delimiter inside content, followed by other text than CRLF or "--"',
        (r, s) => {
          const [start, end] = pick(r, s.contents)
          const at = start + int(r, end - start)
          const bad = bytesOf(`\r\n--${s.boundary}${pick(r, ['x', '-x', ' x', '\rx', '\n'])}`)
          return [join([s.body.subarray(0, at), bad, s.body.subarray(at)])]
        },
        { status: 400, defect: 'delimiter' },
      ],
      [
        'a header line without a colon',
        (r, s) => {
          const body = s.body.slice()
          body[pick(r, s.colons)] = 0x20
          return [body]
        },
        { status: 400, defect: 'header' },
      ],
      [
        'a header section over headerSize',
        (r, s) => {
          const body = Buffer.from(s.body)
          const colon = pick(r, s.colons)
          const line = body.lastIndexOf('\r\n', colon) + 2
          const pad = bytesOf(`X-Pad: ${'p'.repeat(200 + int(r, 3000))}\r\n`)
          return [join([body.subarray(0, line), pad, body.subarray(line)]), { headerSize: 200 }]
        },
        { status: 413, limit: 'headerSize', max: 200 },
      ],
    ]

  it.each(CORRUPTIONS)(
    'fails a body %s with a problem, never a hang',
    async (_, corrupt, problem) => {
      const r = prng(0xbad)
      for (let n = 0; n < 40; n++) {
        let s = sampleOf(r)
        while (s.parts.length === 0) s = sampleOf(r)
        const [body, limits] = corrupt(r, s)
        const label = `sample ${n}, boundary ${JSON.stringify(s.boundary)}`
        for (const read of [
          () => viaReader(r, requestOf(r, s, body), limits),
          () => viaRecord(s, requestOf(r, s, body), limits),
        ]) {
          const outcome = await outcomeOf(read(), label)
          expect({ label, outcome }).toEqual({ label, outcome: { ...problem, detail: undefined } })
        }
      }
    },
  )
})
