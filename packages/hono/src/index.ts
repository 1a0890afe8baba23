export { type FetchHandlerApp, fromHono } from './lib/from-hono.js'
export {
  type FerryApp,
  type FerryHonoHandler,
  type ToHonoOptions,
  type ToHonoVarsOptions,
  toHono,
} from './lib/to-hono.js'
