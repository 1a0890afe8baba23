// Property: any well-formed body, cut into any chunks, reads back as the parts it was built from.
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { parseMultipart } from '../src/index.js'
import { formBody, postOf, streamOf } from './helpers.js'

const BOUNDARY = 'b0undary-Q'
const delimiter = Buffer.from(`\r\n--${BOUNDARY}`)

const part = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
  filename: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,11}$/), { nil: undefined }),
  // Content biased towards the bytes a delimiter is made of, so near misses are common.
  content: fc.uint8Array({ maxLength: 300 }).chain((noise) =>
    fc
      .array(fc.constantFrom(...'\r\n-b0undary-Q'.split('').map((c) => c.charCodeAt(0))), {
        maxLength: 60,
      })
      .map((near) => Uint8Array.from([...near, ...noise, ...near.reverse()])),
  ),
})

it('reads back every generated body, whatever the chunking', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(part, { maxLength: 6 }),
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
      async (parts, cuts) => {
        fc.pre(parts.every((p) => Buffer.from(p.content).indexOf(delimiter) === -1))
        const body = formBody(BOUNDARY, parts)
        const chunks: Uint8Array[] = []
        for (let at = 0, k = 0; at < body.length; k++) {
          const size = cuts[k % cuts.length]!
          chunks.push(body.slice(at, at + size))
          at += size
        }
        const got = []
        const request = postOf(streamOf(chunks), `multipart/form-data; boundary=${BOUNDARY}`)
        for await (const p of parseMultipart(request)) {
          got.push({ name: p.name, filename: p.filename, content: await p.bytes() })
        }
        expect(got).toEqual(
          parts.map((p) => ({ name: p.name, filename: p.filename, content: p.content })),
        )
      },
    ),
    { numRuns: 300 },
  )
})
