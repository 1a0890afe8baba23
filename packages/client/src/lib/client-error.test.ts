import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'
import { ClientError } from './client-error.js'

const Item = kind('PUT /items')
const answering = (body: unknown) =>
  createClient({
    baseUrl: 'https://example.com',
    fetch: async () =>
      new Response(JSON.stringify(body), {
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
      }),
  })

describe('ClientError', () => {
  it.each([
    ['a detail', { title: 'Conflict', detail: 'item 7 changed' }, ': item 7 changed'],
    ['only a title', { title: 'Conflict' }, ': Conflict'],
    // RFC 9457 §3.1: a member whose value has the wrong type is ignored, so the title speaks.
    ['a detail that is no string', { title: 'Conflict', detail: 42 }, ': Conflict'],
    ['neither as a string', { title: ['x'], detail: null }, ''],
  ])('words its message from the problem with %s', async (_, problem, tail) => {
    const err = await answering(problem)
      .json(Item)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ClientError)
    expect((err as ClientError).message).toBe(`PUT https://example.com/items answered 409${tail}`)
    expect((err as ClientError).problem).toEqual(problem)
  })
})
