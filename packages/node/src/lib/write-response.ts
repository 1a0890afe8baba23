import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { hasNonAscii, withLength, withNoBody } from './framing.js'

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
 * the socket). A 204, a HEAD or 304 answer with a body, and any answer without one go out as a
 * head alone (`sendHead`); a WHATWG stream body (a global `Response`'s, a `fetch()` answer passed
 * on) and this class's Node stream bodies are pumped by `pumpBody`; this class's string or bytes
 * bodies with `Headers` instances are sent whole by `sendWhole`.
 */
export function writeResponse(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
): void | Promise<void> {
  if (res.closed || res.destroyed || res.writableEnded) return
  // A 1xx is no final answer (Node sends it as an interim one, a 101 as a protocol switch, and the
  // client takes the next answer on the connection for this one's). The Fetch standard, Bun and
  // Deno allow 200-599 only; @whatwg-node/fetch's class allows any. Thrown: the caller sends 500.
  if (!(response.status >= 200 && response.status <= 599)) {
    throw new RangeError(`the response status ${response.status} is not in 200-599`)
  }
  // RFC 9110 §8.6 and RFC 9112 §6.1: a 204 carries neither Content-Length nor Transfer-Encoding
  // (Node sends them if given, and the fast class adds the length of a body it was handed).
  if (response.status === 204) return sendHead(response, res)
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
      let head = init as OutgoingHttpHeaders | undefined
      // A 304 announces the length of what a 200 would send (RFC 9110 §8.6), not of this body,
      // and an empty answer to HEAD may stand for a GET's that is not: neither gets one here.
      if (response.status !== 304) {
        if (body != null && head !== undefined) {
          head = withLength(head, bytes?.byteLength ?? Buffer.byteLength(body as string))
        } else if (body == null && req.method !== 'HEAD') head = withNoBody(head)
      }
      res.writeHead(response.status, response.statusText, head)
      // Node drops the body of a HEAD answer and of a 304 itself (RFC 9110 §9.3.2, §15.4.5).
      if (typeof body === 'string') res.end(hasNonAscii(head) ? Buffer.from(body) : body)
      else if (bytes !== undefined) res.end(bytes)
      else res.end()
      return
    }
  }
  // The same class with a `Headers` object (changed through the Headers API, several cookies).
  if ('bodyInit' in fast && (typeof fast.bodyInit === 'string' || fast._buffer !== undefined)) {
    return sendWhole(response, fast._buffer ?? (fast.bodyInit as string), res)
  }
  const stream = response.body as unknown as NodeStreamLike | ReadableStream<Uint8Array> | null
  // No body, or one Node ignores the writes of (HEAD and 304 answers, RFC 9110 §9.3.2, §15.4.5):
  // a stream pumped into those never waits for the client, so an endless one (server-sent events)
  // would spin the event loop forever. Send the head alone and cancel the body unread.
  if (stream === null || req.method === 'HEAD' || response.status === 304) {
    return sendHead(response, res, req.method !== 'HEAD' && response.status !== 304)
  }
  // The fast class hands a Node `Readable` out as its body; its async iterator reads it the way
  // a reader reads a WHATWG stream, and `return()` destroys it as `cancel()` cancels one.
  return pumpBody(response, 'once' in stream ? chunksOf(stream) : stream.getReader(), res)
}

/** What `pumpBody` reads a body through: a WHATWG stream's reader, or `chunksOf` a Node one. */
interface BodyReader {
  read(): Promise<{ done?: boolean; value?: Uint8Array | string }>
  cancel(reason?: unknown): Promise<unknown>
}

/**
 * `pumpBody(response, reader, res)` sends `response` with the body `reader` reads (a global
 * `Response`'s stream, a `fetch()` answer passed on, the fast class's Node stream), writing as
 * fast as the client reads, and settles once the body is sent; it rejects when the body fails or
 * is longer or shorter than its `Content-Length` (the caller cuts the connection). A client that
 * leaves cancels the body, so its producer stops. `sendNodeResponse` of `@whatwg-node/server`
 * pipes a Node stream with `pipe()`, which checks no length and forwards no error, and cancels a
 * WHATWG one on the request's `error` without catching (a rejection nobody handles).
 */
async function pumpBody(
  response: Response,
  reader: BodyReader,
  res: ServerResponse,
): Promise<void> {
  res.setHeaders(response.headers)
  // The adapter frames the body (RFC 9112 §6.2, §6.3): by the app's Content-Length, checked below,
  // else by the chunked coding. An app's coding that does not end in chunked would have the body
  // run to the close while Node kept the connection for the next answer. (Removing the field
  // without a length would make Node delimit the body by the close: a cut would look complete.)
  if (res.hasHeader('transfer-encoding')) {
    if (res.hasHeader('content-length')) res.removeHeader('transfer-encoding')
    else res.setHeader('transfer-encoding', 'chunked')
  }
  res.writeHead(response.status, reasonOf(response))
  // A body longer or shorter than its Content-Length (an upstream answer undici decompressed) must
  // not run into the next answer on the connection: Node then throws, and the caller cuts it.
  res.strictContentLength = true
  const onClose = () => {
    if (!res.writableFinished) reader.cancel().catch(() => {})
  }
  res.once('close', onClose)
  try {
    for (;;) {
      // A cancel (the client left) ends the pending read as done.
      const { done, value } = await reader.read()
      if (done) break
      if (res.destroyed) return void reader.cancel().catch(() => {})
      if (!res.write(value as Uint8Array)) await drained(res)
    }
    if (!res.destroyed) res.end()
  } catch (error) {
    reader.cancel(error).catch(() => {})
    throw error
  } finally {
    res.off('close', onClose)
  }
}

/** Settles when `res` can take more (`drain`) or never will (`close`). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/** The Node `Readable` a `@whatwg-node/fetch` Response hands out as its body. */
interface NodeStreamLike extends AsyncIterable<Uint8Array | string> {
  once(event: 'error', listener: (error: unknown) => void): void
}

/** A `BodyReader` over a Node stream: `cancel` ends its iterator, which destroys the stream. */
function chunksOf(stream: NodeStreamLike): BodyReader {
  const chunks = stream[Symbol.asyncIterator]()
  return {
    read: () => chunks.next(),
    cancel: async () => chunks.return?.(),
  }
}

/**
 * Sends `response` with its whole `body`, checked as the fast path checks it: the real
 * `Content-Length`, and a head with Latin-1 characters sent as Latin-1 (see `hasNonAscii`).
 */
function sendWhole(response: Response, body: string | Uint8Array, res: ServerResponse): void {
  res.setHeaders(response.headers)
  // One framing field, the real length (see `withLength`).
  const coded = res.hasHeader('transfer-encoding')
  if (coded) res.removeHeader('transfer-encoding')
  if (response.status !== 304 && (coded || res.hasHeader('content-length'))) {
    res.setHeader(
      'content-length',
      typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
    )
  }
  res.writeHead(response.status, reasonOf(response))
  res.end(typeof body === 'string' && hasNonAscii(res.getHeaders()) ? Buffer.from(body) : body)
}

/**
 * Sends the status and headers of `response` alone, its body (if any) cancelled unread; `empty`
 * when that is the whole answer (no body, and no HEAD or 304 standing for another's), which then
 * says `Content-Length: 0` (see `withNoBody`).
 */
function sendHead(response: Response, res: ServerResponse, empty = false): void {
  const body = response.body
  if (body !== null && !body.locked) body.cancel().catch(() => {})
  res.setHeaders(response.headers)
  if (response.status === 204) {
    res.removeHeader('content-length')
    res.removeHeader('transfer-encoding')
  } else if (empty) {
    // See `withNoBody`.
    if (res.hasHeader('transfer-encoding')) res.removeHeader('transfer-encoding')
    res.setHeader('content-length', '0')
  }
  res.writeHead(response.status, reasonOf(response))
  res.end()
}

/**
 * The reason phrase of `response`: its `statusText`, or Node's standard one for the status when
 * that is empty, as the global `Response`'s is unless given (Bun and Deno send the standard one).
 */
function reasonOf(response: Response): string | undefined {
  return response.statusText || undefined
}

function isPlainRecord(x: unknown): x is Record<string, string | string[]> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false
  return typeof (x as { get?: unknown }).get !== 'function'
}
