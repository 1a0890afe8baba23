export { type RequestIdOptions, requestId } from './lib/request-id'
