export { type CorsOptions, cors } from './lib/cors'
export { type OriginRule, OriginRuleError } from './lib/origin'
