import { afterAll, beforeAll, describe, it } from 'vitest'
import { bodyCases, uploadData } from './body-cases.js'
import { lifecycleCases } from './lifecycle-cases.js'
import { routingCases } from './routing-cases.js'
import { staticCases } from './static-cases.js'
import type { Target } from './target.js'

/** Every case of the suite, in the order they run. */
export const cases = [...routingCases, ...bodyCases, ...staticCases, ...lifecycleCases]

/** The name of a case, as runners use it to skip one with a reason. */
export type CaseName = (typeof cases)[number]['name']

/** How a runner starts its runtime and which cases it cannot run, each with the reason. */
export interface SuiteOptions {
  /** Starts the fixture; `stop` is called after the last case. */
  start(): Promise<{ target: Target; stop(): Promise<void> }>
  /** Cases this runtime cannot honour, each mapped to the reason (shown in the report). */
  skip?: Partial<Record<CaseName, string>>
}

/**
 * `defineSuite(runtime, options)` declares the conformance suite for one runtime: every case runs
 * against the same fixture app, except those `skip` names with a reason.
 */
export function defineSuite(runtime: string, options: SuiteOptions): void {
  describe(`conformance on ${runtime}`, () => {
    let started: Awaited<ReturnType<SuiteOptions['start']>> | undefined
    beforeAll(async () => {
      uploadData()
      started = await options.start()
    })
    afterAll(async () => {
      await started?.stop()
    })
    it.for(cases)('$name', async ({ name, run }, context) => {
      const reason = options.skip?.[name]
      if (reason !== undefined) context.skip(`${runtime}: ${reason}`)
      await run(started!.target)
    })
  })
}
