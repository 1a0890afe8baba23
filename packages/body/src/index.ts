export type { BodyDefect, BodyIssue, LimitName } from './lib/errors.js'
export { form, type FormOptions, type FormRecord } from './lib/form.js'
export { json, JSON_DEFAULTS, type JsonOptions } from './lib/json.js'
export { MULTIPART_DEFAULTS, type MultipartLimits } from './lib/limits.js'
export { multipart, type MultipartOptions } from './lib/multipart.js'
export {
  type FieldOptions,
  type FieldSpec,
  type FileOptions,
  type FileSpec,
  type FileValue,
  field,
  file,
  type MultipartFields,
  type MultipartValue,
} from './lib/multipart-fields.js'
export { type MultipartPart, PartSkippedError } from './lib/multipart-part.js'
export type { MultipartReader } from './lib/multipart-reader.js'
export { parseMultipart } from './lib/parse-multipart.js'
export type { StandardSchemaV1 } from './lib/standard-schema.js'
export { bytes, RAW_DEFAULT_LIMIT, type RawOptions, text } from './lib/text.js'
