// The platform-neutral entry (Workers, browsers, Deno bundles): the whole API; `createRouter`
// builds with the global Response unless the adapter passes another.
export type { RouteOptions } from './lib/compile.js'
export { HttpError, isHttpError, type ProblemFields } from './lib/http-error.js'
export { type MediaType, mediaTypeMatches, parseMediaType } from './lib/media-type.js'
export { type Accepting, accepting } from './lib/accepting.js'
export { acceptable } from './lib/negotiate.js'
export { problem, reasonPhrase, type Step } from './lib/problem.js'
export { type Produces, produces } from './lib/produces.js'
export { isResponse, toResponse } from './lib/respond.js'
export { createRouter, Router, type RouterOptions } from './lib/router.js'
export { ShadowedHrefError } from './lib/shadow.js'
export { UnroutedKindError } from './lib/unrouted-kind-error.js'
export type { TrailingSlash } from './lib/find.js'
export type {
  BaseContext,
  BodyOf,
  BodyParseContext,
  BodySpec,
  Context,
  ExecutionContext,
  FetchApp,
  FileSource,
  FileStat,
  Guard,
  HandlerResult,
  Layer,
  Next,
  RouteInfo,
} from './lib/types.js'
