export { type ETagOptions, checkPreconditions, etag } from './lib/etag'
export {
  type Precondition,
  type Validators,
  evaluatePreconditions,
  ifRangeAllows,
} from './lib/conditional'
export {
  type EntityTag,
  formatEntityTag,
  hashETag,
  parseEntityTag,
  parseEntityTagList,
  statETag,
} from './lib/entity-tag'
export { formatHttpDate, parseHttpDate } from './lib/http-date'
