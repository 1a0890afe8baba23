// `pnpm --filter demo start:workerd`: the demo as a module worker, served by workerd with
// workerd.capnp (bundled to dist/worker.bundle.js by tsup.worker.config.ts).
import { toWorker } from '@ferry/cloudflare'
import { app } from './app.js'

export default toWorker(app)
