import { expect, it } from 'vitest'
import { startBun, startDeno, startNode, startWorkerd } from '../src/harness/runtimes.js'

it.each([startNode, startBun, startDeno, startWorkerd])('%o', async (start) => {
  const t = Date.now()
  const s = await start()
  const r = await fetch(new URL('/hello?x=1', s.url))
  console.log(start.name, Date.now() - t, 'ms', r.status, await r.text())
  await s.stop()
  console.log('  exit', await s.exited, JSON.stringify(s.output()))
  expect(r.status).toBe(200)
})
