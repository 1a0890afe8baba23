export { type ModuleWorker, toWorker } from './lib/to-worker.js'
export type { WorkersExecutionContext } from './lib/workers-shim.js'
