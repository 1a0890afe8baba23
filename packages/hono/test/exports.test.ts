// The public surface, so a change to it is a visible diff (STYLE §9).
import { expect, it } from 'vitest'

it('lists the runtime exports', async () => {
  expect(Object.keys(await import('@ferry/hono')).sort()).toMatchInlineSnapshot(`
    [
      "fromHono",
      "toHono",
    ]
  `)
})
