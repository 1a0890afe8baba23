import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { sendNodeResponse } from '@whatwg-node/server'

/**
 * What a `@whatwg-node/fetch` `Response` keeps of its init (private fields of the pinned 0.10
 * line; `sendNodeResponse` of `@whatwg-node/server` reads the same ones).
 */
interface FastResponseFields {
  bodyInit?: unknown
  _buffer?: Uint8Array
  headers: {
    headersInit?: unknown
    _map?: unknown
    _setCookies?: unknown[]
  }
}

/**
 * `writeResponse(response, req, res)` sends `response` on `res`. A `Response` of
 * `@whatwg-node/server` whose headers are still the plain object it was built with and whose body
 * is a string, bytes or nothing goes out as one `writeHead` and one `end` (a single `writev` to
 * the socket). Everything else (streams, `Headers` instances, the global `Response`) goes through
 * `sendNodeResponse` of `@whatwg-node/server`, which pipes streams with backpressure.
 */
export function writeResponse(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
): void | Promise<void> {
  if (res.closed || res.destroyed || res.writableEnded) return
  const fast = response as unknown as FastResponseFields
  const headers = fast.headers
  const init = headers?.headersInit
  if (
    // Own fields of @whatwg-node/fetch's classes: a global Response (or any other) has neither.
    'bodyInit' in fast &&
    'headersInit' in headers &&
    headers._map === undefined &&
    !headers._setCookies?.length &&
    (init === undefined || isPlainRecord(init))
  ) {
    const body = fast.bodyInit
    const bytes = fast._buffer
    if (typeof body === 'string' || bytes !== undefined || body == null) {
      res.writeHead(response.status, response.statusText, init as OutgoingHttpHeaders | undefined)
      // Node drops the body of a HEAD answer and of 204/304 itself (RFC 9110 §9.3.2, §15.3.5).
      if (typeof body === 'string') res.end(body)
      else if (bytes !== undefined) res.end(bytes)
      else res.end()
      return
    }
  }
  // sendNodeResponse pipes a Node stream body with `pipe()`, which forwards no error: a body that
  // fails half-way would be an uncaught exception and a response that never ends. Cut the
  // connection instead, so the client sees the answer is incomplete (RFC 9112 §8).
  const stream = response.body as unknown as NodeStreamLike | null
  if (typeof stream?.once === 'function') {
    stream.once('error', (error) => {
      console.error('the response body failed:', error)
      res.destroy()
    })
  }
  return sendNodeResponse(response, res, req, true) as void | Promise<void>
}

/** The event side of the Node `Readable` behind a `@whatwg-node/fetch` body. */
interface NodeStreamLike {
  once(event: 'error', listener: (error: unknown) => void): void
}

function isPlainRecord(x: unknown): x is Record<string, string | string[]> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false
  return typeof (x as { get?: unknown }).get !== 'function'
}
