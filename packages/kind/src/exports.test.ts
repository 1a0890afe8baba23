import { expect, it } from 'vitest'
import * as api from './index.js'

// The public surface is a contract: a change here must be deliberate (update the snapshot).
it('exports exactly the documented API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "KindDefinitionError",
      "KindEncodeError",
      "allowsMethod",
      "badRequest",
      "bool",
      "codec",
      "date",
      "decodeQuery",
      "decodeSegment",
      "defineKind",
      "encodeSegment",
      "int",
      "joinPath",
      "kind",
      "list",
      "match",
      "matchSegments",
      "none",
      "num",
      "oneOf",
      "optional",
      "patternOf",
      "queryDetail",
      "refine",
      "reject",
      "rest",
      "splitPath",
      "str",
      "toBare",
      "uuid",
    ]
  `)
})
