import { expect, it } from 'vitest'
import { createInFlight } from './in-flight.js'

/** A `completed` promise and the functions that settle it. */
function exchange() {
  let deliver: () => void = () => {}
  let fail: (error: Error) => void = () => {}
  const completed = new Promise<void>((resolve, reject) => {
    deliver = resolve
    fail = reject
  })
  return { completed, deliver, fail }
}

it('is drained at once with nothing in flight', async () => {
  await createInFlight().drained()
})

it('is drained once every request tracked has completed, delivered or not', async () => {
  const inFlight = createInFlight()
  const [a, b] = [exchange(), exchange()]
  for (const { completed } of [a, b]) {
    inFlight.enter()
    completed.then(inFlight.leave, inFlight.leave)
  }
  let drained = false
  void inFlight.drained().then(() => (drained = true))
  a.deliver()
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(drained).toBe(false)
  b.fail(new Error('the client left'))
  await expect.poll(() => drained).toBe(true)
})
