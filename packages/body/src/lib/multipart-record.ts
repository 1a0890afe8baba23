import type { BodyIssue } from './errors.js'
import { invalid } from './errors.js'
import type { MultipartFields } from './multipart-fields.js'
import type { MultipartPart, SourcePart } from './multipart-part.js'
import { toIssues } from './standard-schema.js'

/** What `multipart({ fields })` read from a body, before validation. */
export interface Found {
  texts: Map<string, string[]>
  files: Map<string, MultipartPart[]>
  streamed: SourcePart | undefined
}

/**
 * `build(specs, found)` is the typed record of `found`: every field validated with its schema,
 * every file in place; a 422 `HttpError` with every issue otherwise.
 */
export async function build(specs: MultipartFields, found: Found): Promise<any> {
  const value: Record<string, unknown> = Object.create(null)
  const issues: BodyIssue[] = []
  for (const name of Object.keys(specs)) {
    const spec = specs[name]!
    if (spec.kind === 'field') {
      const list = found.texts.get(name)
      const input = spec.multiple ? (list ?? []) : list?.[0]
      if (spec.schema) {
        const result = await spec.schema['~standard'].validate(input)
        if (!result.issues) value[name] = result.value
        else if (list === undefined && found.streamed) {
          // The schema sees only `undefined` and says "expected string": name the real cause, a
          // field sent after the streamed file, which the parser stops before.
          for (const issue of toIssues(result.issues, [name])) issues.push(hinted(issue, found))
        } else issues.push(...toIssues(result.issues, [name]))
      } else if (input === undefined) issues.push(missing(name, 'a value is required', found))
      else value[name] = input
      continue
    }
    const list = found.files.get(name) ?? []
    if (spec.multiple) value[name] = list
    else if (list.length > 0) value[name] = list[0]
    else if (spec.optional) value[name] = undefined
    else issues.push(missing(name, 'a file is required', found))
  }
  if (issues.length > 0) throw invalid(issues)
  return value
}

function missing(name: string, message: string, found: Found): BodyIssue {
  return hinted({ message, path: [name] }, found)
}

/** `issue` with a note that parts after the streamed file, if there is one, were not read. */
function hinted(issue: BodyIssue, found: Found): BodyIssue {
  if (!found.streamed) return issue
  const hint = ` (parts after the streamed file "${found.streamed.name}" are not read before the handler)`
  return { ...issue, message: issue.message + hint }
}

/** The 422 for a part the route does not take here, and why. */
export function unexpected(name: string, why: string) {
  return invalid([{ message: `unexpected part: ${why}`, path: [name] }])
}
