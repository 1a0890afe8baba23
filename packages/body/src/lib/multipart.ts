import { accepting, type BodySpec, mediaTypeMatches } from '@ferry/router'
import { unsupported } from './errors.js'
import { type MultipartLimits, resolveLimits } from './limits.js'
import type {
  FieldSpec,
  FileSpec,
  MultipartFields,
  MultipartValue,
  OneStreamedFile,
} from './multipart-fields.js'
import { type ChunkSource, MemoryPart, SourcePart } from './multipart-part.js'
import { boundaryOf } from './boundary.js'
import { createMultipartReader, type MultipartReader } from './multipart-reader.js'
import { build, type Found, unexpected } from './multipart-record.js'
import { multipartStream } from './multipart-stream.js'

/** Options of a typed `multipart` body spec. */
export interface MultipartOptions<F extends MultipartFields> {
  /**
   * The parts the route expects, by name: `field(schema)` and `file(options)` specs, at most one
   * of them a streamed file.
   */
  fields: F & OneStreamedFile<F>
  /** Limits on the body (see `MultipartLimits` for defaults). */
  limits?: MultipartLimits
  /** What to do with a part whose name is not in `fields`: 422 (`'reject'`, default) or skip it. */
  unknown?: 'reject' | 'ignore'
}

/**
 * `multipart({ fields, limits, unknown })` is the body spec for a multipart/form-data body read
 * into a typed record. Text fields are decoded and validated with their schemas; files are
 * collected to memory or, by default, handed over streaming: parsing stops at such a file, so it
 * must come last in the body, and a part after it makes its body fail with 422 once read.
 * Malformed bodies are 400, limits 413, a file of a type not in `types` 415, and validation 422
 * with `issues`; the request is cancelled on every error. Throws a `TypeError` when more than one
 * `file()` streams (has no `memory: true`).
 */
export function multipart<F extends MultipartFields>(
  options: MultipartOptions<F>,
): BodySpec<MultipartValue<F>> {
  const specs = options.fields
  // A second streamed file could only arrive after the first, where parsing has stopped: no
  // upload could ever fill both.
  const streamed = Object.keys(specs).filter((n) => specs[n]!.kind === 'file' && !specs[n]!.memory)
  if (streamed.length > 1) {
    throw new TypeError(
      `multipart({ fields }) streams one file at most, as parsing stops there: give "${streamed[1]}" memory: true`,
    )
  }
  const unknown = options.unknown ?? 'reject'
  const limits = resolveLimits(options.limits)
  const specOf = (name: string): FieldSpec<unknown> | FileSpec<unknown> | undefined =>
    Object.hasOwn(specs, name) ? specs[name] : undefined
  return {
    ...accepting(['multipart/form-data']),
    async parse(request, ctx) {
      const reader = createMultipartReader(
        request,
        boundaryOf(request, ctx.mediaType, ctx.mediaParams),
        limits,
        {
          signal: ctx.signal,
          rule(head, l) {
            const spec = specOf(head.name)
            if (spec?.kind === 'file') return { file: true, maxSize: spec.maxSize ?? l.fileSize }
            if (spec?.kind === 'field') return { file: false, maxSize: l.fieldSize }
            return head.filename === undefined
              ? { file: false, maxSize: l.fieldSize }
              : { file: true, maxSize: l.fileSize }
          },
        },
      )
      try {
        const found = await collect(reader, specOf, unknown)
        return await build(specs, found)
      } catch (error) {
        await reader.return()
        throw error
      }
    },
  }
}

/**
 * `multipart.stream(limits?)` is the body spec whose value is a `MultipartReader`: every part in
 * arrival order (see `multipart-stream.ts`).
 */
multipart.stream = multipartStream

async function collect(
  reader: MultipartReader,
  specOf: (name: string) => FieldSpec<unknown> | FileSpec<unknown> | undefined,
  unknown: 'reject' | 'ignore',
): Promise<Found> {
  const found: Found = { texts: new Map(), files: new Map(), streamed: undefined }
  for (;;) {
    const { done, value: part } = await reader.next()
    if (done) return found
    const spec = specOf(part.name)
    if (spec === undefined) {
      // RFC 7578 §4.6: `_charset_` is how the form names its charset, not data (the reader
      // applies it), so a route need not declare it.
      if (part.name === '_charset_' && part.filename === undefined) continue
      if (unknown === 'reject') throw unexpected(part.name, 'this route does not declare it')
      continue
    }
    if (spec.kind === 'field') {
      const list = found.texts.get(part.name) ?? []
      if (list.length > 0 && !spec.multiple) throw unexpected(part.name, 'it was sent twice')
      list.push(await part.text())
      found.texts.set(part.name, list)
      continue
    }
    let source: ChunkSource = (part as SourcePart).source
    const head = (part as SourcePart).head
    if (part.filename === '') {
      // WHATWG HTML §4.10.21.8: a file input with no file selected is sent with an empty
      // filename and no content; such a part is no file. (One chunk is read to tell.)
      const first = await source.read()
      if (first === null) continue
      source = replay(first, source)
    }
    if (spec.types && !spec.types.some((t) => mediaTypeMatches(part.type, t))) {
      throw unsupported(
        `the file "${part.name}" is ${part.type}; expected ${spec.types.join(' or ')}`,
        { field: part.name, accepts: spec.types },
      )
    }
    const list = found.files.get(part.name) ?? []
    if (list.length > 0 && !spec.multiple) throw unexpected(part.name, 'it was sent twice')
    found.files.set(part.name, list)
    if (spec.memory) {
      list.push(new MemoryPart(head, await new SourcePart(head, source).bytes()))
      continue
    }
    const inner = source
    found.streamed = new SourcePart(head, {
      read: async () => {
        const chunk = await inner.read()
        if (chunk === null) await finish(reader, part.name, specOf, unknown)
        return chunk
      },
      // Nothing in the record is read after this file: a handler that cancels it is done with
      // the upload, so the rest of the request is cancelled as on any early exit.
      cancel() {
        void reader.return()
      },
    })
    list.push(found.streamed)
    return found
  }
}

/** `replay(first, source)` is `source` with `first` read again in front. */
function replay(first: Uint8Array, source: ChunkSource): ChunkSource {
  let pending: Uint8Array | undefined = first
  return {
    read() {
      const chunk = pending
      pending = undefined
      return chunk ? Promise.resolve(chunk) : source.read()
    },
    cancel: () => source.cancel(),
  }
}

/** Reads what follows a streamed file: nothing declared may come after it. */
async function finish(
  reader: MultipartReader,
  streamed: string,
  specOf: (name: string) => unknown,
  unknown: 'reject' | 'ignore',
): Promise<void> {
  for (;;) {
    const { done, value: part } = await reader.next()
    if (done) return
    if (specOf(part.name) !== undefined || unknown === 'reject') {
      const error = unexpected(part.name, `it came after the streamed file "${streamed}"`)
      await reader.return()
      throw error
    }
  }
}
