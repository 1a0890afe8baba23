export { type CsrfOptions, csrf } from './lib/csrf'
