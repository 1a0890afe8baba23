export { type ClientInfo, type ForwardedOptions, forwarded } from './lib/forwarded'
export { type ForwardedHop, parseForwarded } from './lib/forwarded-parse'
export { InvalidAddressError } from './lib/ip-address'
export type { Trust } from './lib/trust'
