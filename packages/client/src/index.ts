export {
  type CallOptions,
  type Client,
  ClientError,
  type ClientOptions,
  createClient,
} from './lib/client.js'
