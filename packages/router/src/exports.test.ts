import { expect, it } from 'vitest'
import * as api from './index.js'
import * as web from './web.js'
import * as matcher from './matcher.js'

// The public surface is a contract: a change here must be deliberate (update the snapshot).
it('exports exactly the documented API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "HttpError",
      "Router",
      "ShadowedHrefError",
      "UnroutedKindError",
      "acceptable",
      "accepting",
      "createRouter",
      "isHttpError",
      "isResponse",
      "mediaTypeMatches",
      "parseMediaType",
      "problem",
      "produces",
      "reasonPhrase",
      "toResponse",
    ]
  `)
  // The platform-neutral entry (the `default` condition) has the same names.
  expect(Object.keys(web).sort()).toEqual(Object.keys(api).sort())
  expect(Object.keys(matcher).sort()).toMatchInlineSnapshot(`
    [
      "createMatcher",
    ]
  `)
})
