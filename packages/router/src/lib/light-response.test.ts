import { inspect } from 'node:util'
import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createLightResponse } from './light-response.js'
import { platformResponse } from './platform-response.js'

const Light = createLightResponse(Response)

describe('LightResponse', () => {
  it('is a Response with the same status, headers and defaults', () => {
    const res = new Light('hi', { status: 201, statusText: 'Made', headers: { 'x-a': '1' } })
    expect(res).toBeInstanceOf(Response)
    expect(Object.prototype.toString.call(res)).toBe('[object Response]')
    expect([res.status, res.statusText, res.ok, res.type, res.url, res.redirected]).toEqual([
      201,
      'Made',
      true,
      'default',
      '',
      false,
    ])
    expect(res.headers.get('x-a')).toBe('1')
    expect(res.headers.get('content-type')).toBe('text/plain;charset=UTF-8')
    expect(new Light(null, { status: 404 }).ok).toBe(false)
    expect(new Light().headers.has('content-type')).toBe(false)
  })

  it.each([
    ['text', (r: Response) => r.text(), '{"a":1}'],
    ['json', (r: Response) => r.json(), { a: 1 }],
    [
      'arrayBuffer',
      async (r: Response) => new TextDecoder().decode(await r.arrayBuffer()),
      '{"a":1}',
    ],
    ['blob', async (r: Response) => (await r.blob()).text(), '{"a":1}'],
    ['body', (r: Response) => new Response(r.body).text(), '{"a":1}'],
  ])('reads its body with %s, once', async (_, read, want) => {
    const res = new Light('{"a":1}', { headers: { 'content-type': 'application/json' } })
    expect(res.bodyUsed).toBe(false)
    expect(await read(res)).toEqual(want)
    expect(res.bodyUsed).toBe(true)
    await expect(res.text()).rejects.toThrow(TypeError)
    expect(() => res.clone()).toThrow(TypeError)
  })

  it('shows a used body once read as text, as a real Response does', async () => {
    const res = new Light('once')
    await res.text()
    expect(res.body).toBeInstanceOf(ReadableStream)
    expect(res.bodyUsed).toBe(true)
    await expect(res.text()).rejects.toThrow(TypeError)
  })

  it('reads form data through the real class', async () => {
    const res = new Light('a=1&b=2', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(Object.fromEntries(await res.formData())).toEqual({ a: '1', b: '2' })
  })

  it('sends header changes made before the body is read', async () => {
    const res = new Light('x')
    res.headers.set('x-late', 'yes')
    const copy = new Response(res.body, res)
    expect(copy.headers.get('x-late')).toBe('yes')
    expect(await copy.text()).toBe('x')
  })

  it('clones into two independent readers', async () => {
    const res = new Light('twice', { status: 202 })
    const c = res.clone()
    expect(c).toBeInstanceOf(Response)
    expect(c.status).toBe(202)
    expect(await res.text()).toBe('twice')
    expect(await c.text()).toBe('twice')
  })

  it('has a null body and reads as empty without one', async () => {
    const res = new Light(null, { status: 204 })
    expect(res.body).toBeNull()
    expect(await res.text()).toBe('')
    expect(res.bodyUsed).toBe(false)
  })

  it('hands other body kinds to the real class', async () => {
    const res = new Light(new URLSearchParams('a=1'))
    expect(res.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/)
    expect(await new Light(new Uint8Array([104, 105])).text()).toBe('hi')
  })

  it('copies a Headers init, as new Response() does', () => {
    const h = new Headers({ 'x-a': '1' })
    const res = new Light('x', { headers: h })
    h.set('x-a', '2')
    expect(res.headers.get('x-a')).toBe('1')
  })

  it.each([
    ['a status below 200', () => new Light('x', { status: 100 }), RangeError],
    ['a status above 599', () => new Light('x', { status: 600 }), RangeError],
    ['a body with 204', () => new Light('x', { status: 204 }), TypeError],
    ['a bad statusText', () => new Light('x', { statusText: 'a\nb' }), TypeError],
    ['a bad header name', () => new Light('x', { headers: { 'a b': '1' } }), TypeError],
    ['a bad header value', () => new Light('x', { headers: { a: 'x\r\ny' } }), TypeError],
  ])('refuses %s like new Response()', (_, make, type) => {
    expect(make).toThrow(type)
  })

  it('shows its members when inspected', () => {
    expect(inspect(new Light('x', { status: 201 }))).toContain('201')
  })
})

describe('platformResponse', () => {
  it('is the light class on Node', () => {
    const R = platformResponse()
    expect(R).not.toBe(Response)
    expect(new R('x')).toBeInstanceOf(Response)
    expect(platformResponse()).toBe(R)
  })
})

describe('the entries', () => {
  it('answer with the light class from the Node entry and the global one from the neutral entry', async () => {
    const { createRouter: nodeRouter } = await import('../index.js')
    const { createRouter: neutralRouter } = await import('../web.js')
    const node = await nodeRouter()
      .route(kind('GET /'), () => 'hi')
      .request('/')
    const neutral = await neutralRouter()
      .route(kind('GET /'), () => 'hi')
      .request('/')
    expect(node).toBeInstanceOf(Response)
    expect(node.constructor).not.toBe(Response)
    expect(neutral.constructor).toBe(Response)
    expect([await node.text(), await neutral.text()]).toEqual(['hi', 'hi'])
  })
})
