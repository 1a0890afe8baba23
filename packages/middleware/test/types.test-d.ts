import { int, kind } from '@ferry/kind'
import { bodyLimit } from '@ferry/middleware/body-limit'
import { type CookieJar, cookies } from '@ferry/middleware/cookies'
import { cors } from '@ferry/middleware/cors'
import { type ClientInfo, forwarded } from '@ferry/middleware/forwarded'
import { logger } from '@ferry/middleware/logger'
import { requestId } from '@ferry/middleware/request-id'
import { createRouter, type Layer } from '@ferry/router'
import { describe, expectTypeOf, it } from 'vitest'

describe('layer types', () => {
  it('declares what each layer adds', () => {
    expectTypeOf(requestId()).toEqualTypeOf<Layer<{}, { requestId: string }>>()
    expectTypeOf(cookies()).toEqualTypeOf<Layer<{}, { cookies: CookieJar }>>()
    expectTypeOf(forwarded()).toEqualTypeOf<Layer<{}, { client: ClientInfo }>>()
    expectTypeOf(bodyLimit({ max: 1 })).toEqualTypeOf<Layer<{}, { request: Request }>>()
    expectTypeOf(cors({ origin: '*' })).toEqualTypeOf<Layer>()
  })

  it('gives handlers the added fields, whatever the order', () => {
    createRouter()
      .use(logger(), requestId())
      .use(cookies(), forwarded())
      .route(kind('GET /posts/:id', { id: int }), (c) => {
        expectTypeOf(c.requestId).toEqualTypeOf<string>()
        expectTypeOf(c.cookies).toEqualTypeOf<CookieJar>()
        expectTypeOf(c.client.protocol).toEqualTypeOf<'http' | 'https'>()
        expectTypeOf(c.params.id).toEqualTypeOf<number>()
        return null
      })
  })
})
