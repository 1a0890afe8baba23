// The public surface of @ferry/body: a change here is a change of API (STYLE.md §9).
import { expect, it } from 'vitest'
import * as body from '../src/index.js'

it('exports exactly these values', () => {
  expect(Object.keys(body).sort()).toMatchInlineSnapshot(`
    [
      "JSON_DEFAULTS",
      "MULTIPART_DEFAULTS",
      "PartSkippedError",
      "RAW_DEFAULT_LIMIT",
      "bytes",
      "field",
      "file",
      "form",
      "json",
      "multipart",
      "parseMultipart",
      "text",
    ]
  `)
})

it('documents the default limits it enforces', () => {
  expect(body.MULTIPART_DEFAULTS).toMatchInlineSnapshot(`
    {
      "bodySize": 67108864,
      "fieldSize": 1048576,
      "fileSize": 16777216,
      "files": 20,
      "headerPairs": 32,
      "headerSize": 8192,
      "parts": 1000,
    }
  `)
  expect(body.JSON_DEFAULTS).toMatchInlineSnapshot(`
    {
      "depth": 64,
      "limit": 1048576,
    }
  `)
  expect(body.RAW_DEFAULT_LIMIT).toBe(1024 * 1024)
})
