import { tooLarge } from './errors.js'
import { cancelBody, declaredLength } from './read-body.js'

/**
 * `refuseDeclaredOver(request, bodySize)` throws a 413 `bodySize` `HttpError`, after cancelling
 * the request body, when `request`'s `Content-Length` says the body is over `bodySize`: nothing
 * is read. A body without one, or that lies, is still counted as it streams.
 */
export function refuseDeclaredOver(request: Request, bodySize: number): void {
  const declared = declaredLength(request)
  if (declared === undefined || declared <= bodySize) return
  const error = tooLarge('bodySize', bodySize, `the body is larger than ${bodySize} bytes`)
  cancelBody(request, error)
  throw error
}
