import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createRouter } from './router.js'

describe('a mounted router changed after the app answered', () => {
  it('has its new routes routed and linked', async () => {
    const admin = createRouter().route(kind('GET /a'), () => 'a')
    const app = createRouter().mount('/admin', admin)
    expect((await app.request('/admin/a')).status).toBe(200)
    const Late = kind('GET /b')
    admin.route(Late, () => 'b')
    expect(await (await app.request('/admin/b')).text()).toBe('b')
    expect(app.href(Late)).toBe('/admin/b')
  })

  it('has its changes seen through every level and every router it is mounted in', async () => {
    const leaf = createRouter()
    const mid = createRouter().mount('/leaf', leaf)
    const one = createRouter().mount('/mid', mid)
    const two = createRouter().mount('/m', mid)
    expect((await one.request('/mid/leaf/x')).status).toBe(404)
    expect((await two.request('/m/leaf/x')).status).toBe(404)
    leaf.route(kind('GET /x'), () => 'x')
    expect((await one.request('/mid/leaf/x')).status).toBe(200)
    expect((await two.request('/m/leaf/x')).status).toBe(200)
  })

  it('has a resource provided since opened for it', async () => {
    const admin = createRouter().route(kind('GET /'), () => 'ok')
    const app = createRouter().mount('/admin', admin)
    await app.start()
    admin.provide('db', () => 'db').route(kind('GET /db'), (c) => c.db)
    expect(await (await app.request('/admin/db')).text()).toBe('db')
  })

  it('cannot mount a router it is mounted in (the routes would nest without end)', () => {
    const a = createRouter()
    const b = createRouter()
    a.mount('/b', b)
    expect(() => b.mount('/a', a)).toThrow('a router cannot mount itself')
    const c = createRouter()
    b.mount('/c', c)
    expect(() => c.mount('/a', a)).toThrow('a router cannot mount itself')
  })
})
