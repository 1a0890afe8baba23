import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  contextOf,
  failureOf,
  formBody,
  type PartInit,
  postOf,
  streamOf,
} from '../../test/helpers.js'
import { field, file } from './multipart-fields.js'
import { multipart } from './multipart.js'

const parse = (spec: ReturnType<typeof multipart>, parts: PartInit[]) => {
  const request = postOf(streamOf([formBody('XyZ', parts)]), 'multipart/form-data; boundary=XyZ')
  return spec.parse(request, contextOf(request))
}

// The README's upload: a field with a schema, then the streamed photo. A browser form that puts
// the file input first sends the title after it, where the parser never reads it.
const Upload = multipart({
  fields: {
    title: field(v.pipe(v.string(), v.maxLength(100))),
    tags: field(v.array(v.string()), { multiple: true }),
    photo: file({ types: ['image/png'] }),
  },
})
const photo = { name: 'photo', filename: 'a.png', type: 'image/png', content: 'png' }

describe('a typed record whose fields come after the streamed file', () => {
  it('says why a field with a schema is missing', async () => {
    const late = [photo, { name: 'title', content: 'Sunset' }]
    const failure = await failureOf(parse(Upload, late))
    expect(failure).toMatchObject({ status: 422, issues: [{ path: ['title'] }] })
    const [issue] = failure.issues as { message: string }[]
    expect(issue!.message).toContain('streamed file "photo"')
    // The problem's detail, which is what a client shows, carries it too.
    await expect(parse(Upload, late)).rejects.toMatchObject({
      fields: { detail: expect.stringContaining('streamed file "photo"') },
    })
  })

  it('leaves the schema message alone for a value that was read', async () => {
    const failure = await failureOf(
      parse(Upload, [{ name: 'title', content: 'x'.repeat(101) }, photo]),
    )
    const [issue] = failure.issues as { message: string }[]
    expect(issue!.message).not.toContain('streamed file')
  })
})
