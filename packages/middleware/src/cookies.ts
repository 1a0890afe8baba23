export { type CookieJar, type CookiesOptions, cookies } from './lib/cookies'
export { CookieError } from './lib/cookie-error'
export { parseCookies } from './lib/cookie-parse'
export { COOKIE_DEFAULTS, type CookieOptions, serializeCookie } from './lib/cookie-serialize'
export {
  type CookieSigner,
  type CookieSignerOptions,
  type SignOptions,
  createCookieSigner,
} from './lib/cookie-sign'
