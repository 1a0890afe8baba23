export { ClientError } from './lib/client-error.js'
export {
  type CallOptions,
  type Client,
  type ClientOptions,
  createClient,
} from './lib/client.js'
