export { type BodyLimitOptions, bodyLimit } from './lib/body-limit'
