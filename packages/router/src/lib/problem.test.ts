import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { HttpError } from './http-error.js'
import { problem, reasonPhrase } from './problem.js'
import { createRouter } from './router.js'

// RFC 9457 §4.2.1: with type about:blank, the title is the status's reason phrase.
describe('problem titles', () => {
  it.each([
    [400, 'Bad Request'],
    [402, 'Payment Required'],
    [404, 'Not Found'],
    [408, 'Request Timeout'],
    [429, 'Too Many Requests'],
    [500, 'Internal Server Error'],
    [502, 'Bad Gateway'],
    [504, 'Gateway Timeout'],
  ])('are the reason phrase of %i', async (status, title) => {
    const app = createRouter().route(kind('GET /'), () => {
      throw new HttpError(status)
    })
    const res = await app.request('/')
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ type: 'about:blank', title, status })
  })

  it.each([[499], [599], [200], [302]])('are "Error" for %i, which has none here', (status) => {
    expect(reasonPhrase(status)).toBe('Error')
  })

  it('keep a title of their own', async () => {
    const res = problem(Response, 502, { title: 'Upstream down' })
    expect(await res.json()).toMatchObject({ title: 'Upstream down', status: 502 })
  })
})
