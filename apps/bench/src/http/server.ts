// One HTTP target in its own process: `http-server.js <target name>` prints `port <n>` once it
// listens, then serves until killed. The parent (http/main.ts) pins it to one core.
import { targets } from './servers.js'

const name = process.argv[2] ?? ''
const target = targets.find((t) => t.name === name)
if (!target) {
  console.error(`unknown target "${name}"`)
  process.exit(2)
}
const port = await target.start()
console.log(`port ${port}`)
// A clean exit on SIGTERM, so `node --cpu-prof` writes its profile when the runner stops us.
process.on('SIGTERM', () => process.exit(0))
