import type { BodyOf } from '@ferry/router'
import * as v from 'valibot'
import { expectTypeOf, it } from 'vitest'
import { field, file } from './multipart-fields.js'
import type { MultipartPart } from './multipart-part.js'
import { multipart } from './multipart.js'
import type { MultipartReader } from './multipart-reader.js'
import { json } from './json.js'
import { type FormRecord, form } from './form.js'

it('infers typed records from field and file specs', () => {
  const spec = multipart({
    fields: {
      title: field(v.string()),
      count: field(v.pipe(v.string(), v.transform(Number))),
      note: field(),
      tags: field({ multiple: true }),
      photo: file({ maxSize: 1000 }),
      extra: file({ optional: true, memory: true }),
      docs: file({ memory: true, multiple: true }),
    },
  })
  type Got = BodyOf<typeof spec>
  expectTypeOf<Got['title']>().toEqualTypeOf<string>()
  expectTypeOf<Got['count']>().toEqualTypeOf<number>()
  expectTypeOf<Got['note']>().toEqualTypeOf<string>()
  expectTypeOf<Got['tags']>().toEqualTypeOf<string[]>()
  expectTypeOf<Got['photo']>().toEqualTypeOf<MultipartPart>()
  expectTypeOf<Got['extra']>().toEqualTypeOf<MultipartPart | undefined>()
  expectTypeOf<Got['docs']>().toEqualTypeOf<MultipartPart[]>()
  expectTypeOf<Got>().toEqualTypeOf<{
    title: string
    count: number
    note: string
    tags: string[]
    photo: MultipartPart
    extra: MultipartPart | undefined
    docs: MultipartPart[]
  }>()
})

it('infers the other specs', () => {
  expectTypeOf<BodyOf<ReturnType<typeof multipart.stream>>>().toEqualTypeOf<MultipartReader>()
  const Any = json()
  expectTypeOf<BodyOf<typeof Any>>().toEqualTypeOf<unknown>()
  const Post = json(v.object({ id: v.number() }))
  expectTypeOf<BodyOf<typeof Post>>().toEqualTypeOf<{ id: number }>()
  const Form = form()
  expectTypeOf<BodyOf<typeof Form>>().toEqualTypeOf<FormRecord>()
})

it('refuses several files under one name without memory, as file() throws', () => {
  file({ multiple: true, memory: true })
  // @ts-expect-error only one file can stream: multiple needs memory: true
  file({ multiple: true })
  // @ts-expect-error nor with memory: false
  file({ multiple: true, memory: false, maxSize: 10 })
  file({ multiple: false })
  file({ optional: true })
  file()
})

it('refuses a record that streams two files, as multipart() throws', () => {
  multipart({ fields: { front: file({ memory: true }), back: file() } })
  // @ts-expect-error parsing stops at the first streamed file: the second could never arrive
  multipart({ fields: { front: file(), back: file({ optional: true }) } })
})
