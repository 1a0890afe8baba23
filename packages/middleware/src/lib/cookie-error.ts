/** A cookie name, value or attribute that cannot be sent safely, or a bad cookie option. */
export class CookieError extends Error {
  override readonly name = 'CookieError'
}
