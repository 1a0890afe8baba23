export { toBare } from './lib/bare.js'
export { bool, codec, date, int, num, oneOf, str, uuid } from './lib/codec.js'
export { type RefineIssue, type RefineResult, type RefineSchema, refine } from './lib/refine.js'
export { defineKind, type KindDefinition, match, none, reject } from './lib/define-kind.js'
export { KindDefinitionError, KindEncodeError } from './lib/errors.js'
export {
  allowsMethod,
  decodeQuery,
  kind,
  matchSegments,
  type PatternKind,
  patternOf,
  type QueryOutcome,
  queryDetail,
} from './lib/kind.js'
export type { Pattern, PatternQuery, PatternSegment } from './lib/pattern.js'
export type { CaptureNames, PatternValue } from './lib/pattern-types.js'
export { decodeSegment, encodeSegment, joinPath, splitPath } from './lib/percent.js'
export { badRequest } from './lib/problem.js'
export { list, optional, rest } from './lib/query-codec.js'
export type {
  Bare,
  Codec,
  CodecValue,
  Decoded,
  EncodedBare,
  Kind,
  KindInput,
  KindValue,
  QueryCodec,
  RestCodec,
} from './lib/types.js'
