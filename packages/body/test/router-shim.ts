// Stand-in for @ferry/router's entry point until it exports these (see vitest.config.ts).
export { HttpError, isHttpError } from '../../router/src/lib/http-error.js'
export { mediaTypeMatches, parseMediaType } from '../../router/src/lib/media-type.js'
export type { BodyParseContext, BodySpec } from '../../router/src/lib/types.js'
