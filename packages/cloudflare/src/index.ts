export { toWorker, type Worker } from './lib/to-worker.js'
export type { WorkersExecutionContext } from './lib/workers-shim.js'
