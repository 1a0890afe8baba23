// Hono on workerd: the app itself is a module worker (it has `fetch`).
import { honoApp } from '../apps/hono.js'

export default honoApp
