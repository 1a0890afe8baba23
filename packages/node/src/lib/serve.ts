import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import {
  createServer,
  type Server as HttpServer,
  type IncomingMessage,
  STATUS_CODES,
  type ServerOptions,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { FetchApp } from '@ferry/router'
import {
  closeOnAbort,
  createGracefulClose,
  onShutdownSignals,
  refusalText,
  type RunningServer,
  requestUrlDefect,
  type ServeOptions as SharedServeOptions,
  serverUrl,
  timeoutOption,
} from '@ferry/router/serve'
import { answeredBeforeTheApp, toNodeHandler } from './to-node-handler.js'

/** https://nodejs.org/api/diagnostics_channel.html#http (Node 18.?+, 20 has it). */
const FINISHED = 'http.server.response.finish'

/** Options of `serve`: the shared adapter options (hostname defaults to Node's `::`/`0.0.0.0`). */
export type ServeOptions<Env = unknown> = SharedServeOptions<Env>

/** A running server: the shared `url` and `close()`, and the runtime's own server. */
export interface Server extends RunningServer {
  /** The underlying `node:http` server. */
  readonly node: HttpServer
}

/**
 * `serve(app, options)` is a `node:http` server answering with `app`, resolved once it listens.
 * Rejects when the port cannot be bound (`EADDRINUSE`, `EACCES`).
 */
export async function serve<Env = unknown>(
  app: FetchApp<Env>,
  options: ServeOptions<Env> = {},
): Promise<Server> {
  const handler = toNodeHandler(app, { env: options.env as Env })
  // An HTTP/1.1 request without Host gets the adapter's 400 problem (checkRequestHead), where
  // Node's own check answers a bare 400.
  const node = createServer(
    { ...requestTimeouts(options.requestTimeout), requireHostHeader: false },
    handler,
  )
  // Node keeps the first 1,000 header fields and drops the rest unseen (`maxHeadersCount`, 2,000
  // names and values); with no count limit, `maxHeaderSize` (16 KiB) bounds the head alone, and
  // past it the client gets a 431 rather than an app that misses fields.
  node.maxHeadersCount = 0
  // Node hands a CONNECT's socket to 'connect' listeners and, without one, closes it unanswered.
  node.on('connect', refuseConnect)
  // A request Node's parser refuses never reaches the app; without a listener Node answers it
  // with a bare 400 (431, 408) and no body.
  node.on('clientError', answerClientError)
  // Without a listener Node answers an `Expect` other than `100-continue` with a bare 417.
  node.on('checkExpectation', refuseExpectation)
  // close() only ends the keep-alive sockets idle at that moment; end the others as their last
  // response finishes. Node publishes every finished response on a diagnostics channel; listening
  // only while closing costs the requests nothing before (a per-request 'finish' listener did).
  const onFinish = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: HttpServer }
    if (server !== node) return
    // Node marks the socket idle right after publishing; a body still arriving after the answer
    // (see to-node-handler.ts) keeps it busy until the request ends.
    if (request.complete) setImmediate(() => node.closeIdleConnections())
    else request.once('end', () => setImmediate(() => node.closeIdleConnections()))
  }
  const close = createGracefulClose({
    // Node 19+ closes idle keep-alive sockets in close(); busy ones get until the deadline.
    stop: () => {
      offSignals()
      subscribe(FINISHED, onFinish)
      return new Promise<void>((resolve) => node.close(() => resolve())).finally(() =>
        unsubscribe(FINISHED, onFinish),
      )
    },
    force: () => {
      node.closeAllConnections()
      // A destroyed socket emits 'close' from libuv's close phase, later in this loop turn than
      // the server's own 'close'; its response's 'close' cancels a body still streaming
      // (write-response.ts). Settle after that phase (the next turn's check phase), so the app
      // is closed once no response stream runs.
      return new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)))
    },
    drain: () => handler.drain(),
    dispose: () => app.close?.(),
    timeout: options.shutdownTimeout ?? 10_000,
  })
  // While these listeners are installed Node no longer exits on the signals by itself
  // (https://nodejs.org/api/process.html#signal-events).
  const offSignals =
    options.handleSignals === false
      ? () => {}
      : onShutdownSignals(
          {
            on: (s, l) => process.on(s, l),
            off: (s, l) => process.off(s, l),
            exit: (code) => process.exit(code),
          },
          close,
        )
  return new Promise((resolve, reject) => {
    node.once('error', (error) => {
      offSignals()
      reject(error)
    })
    node.listen(options.port ?? 3000, options.hostname, () => {
      const { address, port } = node.address() as AddressInfo
      closeOnAbort(options.signal, close)
      resolve({ url: serverUrl(options.hostname, address, port), node, close })
    })
  })
}

/**
 * `requestTimeouts(requestTimeout)` is what `createServer` takes for the shared `requestTimeout`:
 * Node's own for the whole request, its head bounded by the same or Node's 60 s, whichever is
 * less (Node refuses a `headersTimeout` over `requestTimeout`). Node looks for expired requests
 * every `connectionsCheckingInterval` (30 s by default), so a shorter timeout is looked for four
 * times within it. Nothing given: Node's defaults (300 s, 60 s for the head).
 */
function requestTimeouts(requestTimeout: number | undefined): ServerOptions {
  const timeout = timeoutOption(requestTimeout, 'requestTimeout')
  if (timeout === undefined) return {}
  if (timeout === 0) return { requestTimeout: 0, headersTimeout: 0 }
  return {
    requestTimeout: timeout,
    headersTimeout: Math.min(timeout, 60_000),
    connectionsCheckingInterval: Math.min(30_000, Math.ceil(timeout / 4)),
  }
}

/**
 * Answers a CONNECT (its target is an authority, `host:port`: RFC 9110 §9.3.6) with the 400
 * problem Bun and Deno give it through the same URL check, then closes the connection: Ferry is
 * no proxy, and a tunnel request names no URL an app could route.
 */
function refuseConnect(req: IncomingMessage, socket: Socket): void {
  socket.on('error', () => {})
  answerRaw(socket, 400, requestUrlDefect(req.url ?? '') ?? 'a CONNECT names no URL')
}

/**
 * Answers a request whose `Expect` is not `100-continue`, the one expectation defined (RFC 9110
 * §10.1.1), with a 417 problem before the app runs, and closes the connection: a client may send
 * the body anyway, and it is not read.
 */
function refuseExpectation(req: IncomingMessage, res: ServerResponse): void {
  const body = refusalText(
    417,
    'Expectation Failed',
    `the expectation "${req.headers.expect}" is not one this server meets: only 100-continue is`,
  )
  res.writeHead(417, 'Expectation Failed', {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  })
  res.end(body)
}

// The statuses of Node's parse errors that are not a plain 400 (its own choices, and 501).
const PARSE_STATUS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
}

// A method as RFC 9110 §9.1 spells one: a token.
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~\w-]+ /

/**
 * Answers a request Node's HTTP parser refused (a 'clientError') with a problem naming the
 * defect, where Node would send a bare status line: 431 for a head over `maxHeaderSize`, 408 past
 * `requestTimeout`, 501 for a well-formed method the parser does not know (RFC 9110 §15.6.2), 400
 * for the rest. The answers to the requests before it on the connection go out first, whole.
 */
function answerClientError(
  error: Error & { code?: string; reason?: string; rawPacket?: Buffer; bytesParsed?: number },
  socket: Socket,
): void {
  // Once its parser failed, Node reports the socket again for every chunk that still arrives.
  if (refused.has(socket)) return
  refused.add(socket)
  const code = error.code ?? ''
  // No refused request (the client reset the connection, say): nothing to answer.
  if (!code.startsWith('HPE_') && code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.destroy()
    return
  }
  let status = PARSE_STATUS[code] ?? 400
  let detail = `the request is not a valid HTTP/1.1 message${error.reason ? `: ${error.reason}` : ''}`
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') detail = 'the request did not arrive in time'
  if (code === 'HPE_INVALID_METHOD') {
    // The packet holds what the parser was given, maybe with earlier requests before the line
    // that failed; the parser stops at the first byte no method it knows has (`GE ` at the space).
    const raw = error.rawPacket?.toString('latin1') ?? ''
    if (METHOD_TOKEN.test(raw.slice(raw.lastIndexOf('\n', (error.bytesParsed ?? 0) - 1) + 1))) {
      status = 501
      detail = 'the request method is not one this server implements'
    }
  }
  whenIdle(socket, () => answerRaw(socket, status, detail))
}

// The sockets whose parse error is being answered.
const refused = new WeakSet<Socket>()

/**
 * Runs `then` once no answer to an earlier request is pending on `socket`: Node keeps the one
 * being written in `_httpMessage` (an internal field since its first releases) and assigns the
 * next pipelined one when it is done. When the request of a pending answer is itself unfinished,
 * the defect is in its body: the connection is cut, as Node does, so that the body's read fails.
 */
function whenIdle(socket: Socket, then: () => void): void {
  const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
  if (!pending) then()
  // The adapter refused that request itself (a body of unknown length), closing the connection:
  // its answer goes out, and what the client still sends is dropped meanwhile.
  else if (answeredBeforeTheApp.has(pending)) linger(socket)
  else if (!pending.req?.complete) socket.destroy()
  else pending.once('close', () => setImmediate(() => whenIdle(socket, then)))
}

/**
 * Writes a problem answer on `socket` by hand (no request object exists) and ends it. The client
 * may still be sending (the rest of a head over the limit): what arrives is dropped until it
 * closes its side too, so the answer is not lost to a reset, for two seconds at most.
 */
function answerRaw(socket: Socket, status: number, detail: string): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const title = STATUS_CODES[status] ?? 'Error'
  const body = refusalText(status, title, detail)
  // Node's own answers carry Date (`res.sendDate`); RFC 9110 §6.6.1 asks it of every answer.
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ndate: ${new Date().toUTCString()}\r\n` +
      'content-type: application/problem+json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
  linger(socket)
}

/** Drops what the client still sends on `socket`, closing, for two seconds at most. */
function linger(socket: Socket): void {
  socket.resume()
  setTimeout(() => socket.destroy(), 2000).unref()
}
