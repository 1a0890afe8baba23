import { expect, it } from 'vitest'
import * as api from './index.js'
import * as matcher from './matcher.js'

// The public surface is a contract: a change here must be deliberate (update the snapshot).
it('exports exactly the documented API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "HttpError",
      "Router",
      "acceptable",
      "createRouter",
      "isHttpError",
      "isResponse",
      "mediaTypeMatches",
      "parseMediaType",
      "problem",
      "reasonPhrase",
      "toResponse",
    ]
  `)
  expect(Object.keys(matcher).sort()).toMatchInlineSnapshot(`
    [
      "createMatcher",
    ]
  `)
})
