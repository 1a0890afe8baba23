import { type BodyIssue, invalid } from './errors.js'

/**
 * `StandardSchemaV1<Input, Output>` is the Standard Schema interface (standardschema.dev, v1):
 * the shape valibot, zod and arktype schemas share. Declared here so no package is needed.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>
}

export declare namespace StandardSchemaV1 {
  /** The properties every Standard Schema carries under `~standard`. */
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>
    readonly types?: Types<Input, Output> | undefined
  }
  /** A validation result: the output value, or issues. */
  export type Result<Output> = SuccessResult<Output> | FailureResult
  export interface SuccessResult<Output> {
    readonly value: Output
    readonly issues?: undefined
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>
  }
  export interface Issue {
    readonly message: string
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined
  }
  export interface PathSegment {
    readonly key: PropertyKey
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input
    readonly output: Output
  }
  /** The type a schema accepts. */
  export type InferInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input']
  /** The type a schema produces. */
  export type InferOutput<S extends StandardSchemaV1> = NonNullable<
    S['~standard']['types']
  >['output']
}

/** `toIssues(issues, prefix)` is `issues` as problem members, each path put under `prefix`. */
export function toIssues(
  issues: ReadonlyArray<StandardSchemaV1.Issue>,
  prefix: readonly (string | number)[] = [],
): BodyIssue[] {
  return issues.map((issue) => ({
    message: issue.message,
    path: [
      ...prefix,
      ...(issue.path ?? []).map((seg) => {
        const key = typeof seg === 'object' && seg !== null ? seg.key : seg
        return typeof key === 'number' ? key : String(key)
      }),
    ],
  }))
}

/**
 * `validate(schema, value)` is the schema's output for `value`; it throws a 422 `HttpError`
 * listing the issues when `value` does not match. A synchronous schema is answered without a
 * promise (most are: valibot, zod and arktype validate synchronously unless asked not to).
 */
export function validate<S extends StandardSchemaV1>(
  schema: S,
  value: unknown,
): StandardSchemaV1.InferOutput<S> | Promise<StandardSchemaV1.InferOutput<S>> {
  const result = schema['~standard'].validate(value)
  return result instanceof Promise ? result.then(outputOf) : outputOf(result)
}

function outputOf<T>(result: StandardSchemaV1.Result<T>): T {
  if (result.issues) throw invalid(toIssues(result.issues))
  return result.value
}
