import { describe, expect, it } from 'vitest'
import { run } from '../../test/harness'
import { requestId } from './request-id'

const echo = (c: { requestId: string }) => new Response(c.requestId)

describe('requestId()', () => {
  it('generates a UUID and echoes it', async () => {
    const res = await run([requestId()], echo, '/')
    const id = await res.text()
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers.get('x-request-id')).toBe(id)
  })

  it('accepts a well-formed incoming id', async () => {
    const res = await run([requestId()], echo, '/', { headers: { 'x-request-id': 'lb-1234:abc' } })
    expect(await res.text()).toBe('lb-1234:abc')
  })

  it.each([
    ['spaces and quotes', 'a b"c'],
    ['a tab', 'abc\tdef'],
    ['too long', 'x'.repeat(129)],
    ['empty', ''],
  ])('replaces an incoming id with %s', async (_n, incoming) => {
    const res = await run([requestId({ generate: () => 'fresh' })], echo, '/', {
      headers: { 'x-request-id': incoming },
    })
    expect(await res.text()).toBe('fresh')
  })

  it('can ignore incoming ids and use another header', async () => {
    const res = await run(
      [requestId({ accept: false, header: 'x-trace', generate: () => 'mine' })],
      echo,
      '/',
      {
        headers: { 'x-trace': 'theirs' },
      },
    )
    expect(res.headers.get('x-trace')).toBe('mine')
  })

  it.each([['x request id'], ['x-id:'], ['']])(
    'refuses the header name %j when made, not on every request',
    (header) => {
      expect(() => requestId({ header })).toThrow(TypeError)
    },
  )
})
