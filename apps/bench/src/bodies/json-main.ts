// Entry of the JSON body bench on one runtime (bundled and started by json-runtimes.ts).
import { runJson } from './json.js'

console.log(await runJson())
