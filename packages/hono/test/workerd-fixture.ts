// A second worker for the workerd tests: what the example does not show. A Hono validator reads
// the body before Ferry, whose handler reads Workers' `request.cf` and the body.
import { toHono } from '@ferry/hono'
import { kind } from '@ferry/kind'
import { createRouter } from '@ferry/router'
import { Hono } from 'hono'
import { validator } from 'hono/validator'

const Where = kind('POST /where')

const ferry = createRouter().route(Where, async (c) => ({
  country: (c.request as { cf?: { country?: string } }).cf?.country ?? null,
  body: await c.request.json(),
}))

export default new Hono()
  .use(
    '/validated/*',
    validator('json', (value) => value),
  )
  .use('/validated/*', toHono(ferry))
