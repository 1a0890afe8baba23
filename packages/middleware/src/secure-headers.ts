export {
  type HstsOptions,
  type SecureHeadersOptions,
  SecureHeadersError,
  secureHeaders,
} from './lib/secure-headers'
