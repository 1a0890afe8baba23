import { afterAll, beforeAll, describe, it } from 'vitest'
import { adapterAnswerCases } from './adapter-answer-cases.js'
import { bodyCases, uploadData } from './body-cases.js'
import { connectionCases } from './connection-cases.js'
import { honoCases } from './hono-cases.js'
import { lifecycleCases } from './lifecycle-cases.js'
import { middlewareCases } from './middleware-cases.js'
import { routingCases } from './routing-cases.js'
import { staticCases } from './static-cases.js'
import type { Target } from './target.js'
import { wireCases } from './wire-cases.js'

/** Every case of the suite over the fixture app, in the order they run. */
export const cases = [
  ...routingCases,
  ...bodyCases,
  ...staticCases,
  ...middlewareCases,
  ...lifecycleCases,
  ...wireCases,
  ...connectionCases,
  ...adapterAnswerCases,
]

/** The name of a case, as runners use it to skip one with a reason. */
export type CaseName = (typeof cases)[number]['name']

/** The name of a case over the Hono-embedded fixture. */
export type HonoCaseName = (typeof honoCases)[number]['name']

/** How a runner starts its runtime and which cases it cannot run, each with the reason. */
export interface SuiteOptions<Name extends string = CaseName> {
  /** Starts the fixture; `stop` is called after the last case. */
  start(): Promise<{ target: Target; stop(): Promise<void> }>
  /** Cases this runtime cannot honour, each mapped to the reason (shown in the report). */
  skip?: Partial<Record<Name, string>>
}

interface Case {
  readonly name: string
  run(target: Target): Promise<void>
}

/**
 * `defineSuite(runtime, options)` declares the conformance suite for one runtime: every case runs
 * against the same fixture app, except those `skip` names with a reason.
 */
export function defineSuite(runtime: string, options: SuiteOptions): void {
  // The upload's data is made before the runtime starts (see uploadData).
  describeCases(`conformance on ${runtime}`, runtime, cases, options, uploadData)
}

/**
 * `defineHonoSuite(runtime, options)` declares the cases of the Hono-embedded fixture (a Hono app
 * mounting the fixture app under `/api` with `toHono`) for one runtime.
 */
export function defineHonoSuite(runtime: string, options: SuiteOptions<HonoCaseName>): void {
  describeCases(`Hono-embedded conformance on ${runtime}`, runtime, honoCases, options)
}

function describeCases<Name extends string>(
  title: string,
  runtime: string,
  list: readonly (Case & { readonly name: Name })[],
  options: SuiteOptions<Name>,
  prepare?: () => unknown,
): void {
  describe(title, () => {
    let started: Awaited<ReturnType<SuiteOptions['start']>> | undefined
    beforeAll(async () => {
      prepare?.()
      started = await options.start()
    })
    afterAll(async () => {
      await started?.stop()
    })
    it.for(list)('$name', async ({ name, run }, context) => {
      const reason = options.skip?.[name]
      if (reason !== undefined) context.skip(`${runtime}: ${reason}`)
      await run(started!.target)
    })
  })
}
