// The example on Cloudflare Workers (or workerd): Hono's app is already a module worker.
import { app } from './app.js'

export default app
