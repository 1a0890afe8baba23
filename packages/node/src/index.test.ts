import { expect, it } from 'vitest'
import * as api from './index.js'

it('exports exactly its public API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "createFileSource",
      "serve",
      "toNodeHandler",
    ]
  `)
})
