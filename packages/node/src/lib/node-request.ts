import type { ServerResponse } from 'node:http'
import { Request as FetchRequest } from '@whatwg-node/fetch'

const kResponse = Symbol('ferry.node.response')
const kSignal = Symbol('ferry.node.signal')
const kReading = Symbol('ferry.node.reading')

/**
 * `consume(request, read)` runs one of the body methods the way the Fetch standard does: a body
 * already read rejects with a `TypeError` and `bodyUsed` turns true on the first read. The
 * ponyfill would answer a second read from its cache, which Node's own `Request`, Bun, Deno and
 * workerd refuse, so an app that reads a body twice would work on Node only. Reads the ponyfill
 * makes of itself (`json()` through `text()`, synchronously) pass through.
 */
function consume<T>(request: NodeRequest, read: () => Promise<T>): Promise<T> {
  // A request without a body (GET, HEAD) reads as empty any number of times, as in the standard.
  if (request[kReading] || request.method === 'GET' || request.method === 'HEAD') return read()
  if (request.bodyUsed) {
    return Promise.reject(new TypeError('Body is unusable: the request body was already read'))
  }
  ;(request as { bodyUsed: boolean }).bodyUsed = true
  request[kReading] = true
  try {
    return read()
  } finally {
    request[kReading] = false
  }
}

/**
 * `NodeRequest` is `@whatwg-node/fetch`'s `Request` whose `signal` is made on first read: an
 * `AbortSignal` that aborts when the client goes away before the response is written. Node 20
 * spends several microseconds creating an `AbortSignal` (an `EventTarget`), more than the rest of
 * a small request's translation, and most handlers never look at it.
 */
export class NodeRequest extends FetchRequest {
  // Declared, not initialised: a class field with a computed key is a define per instance, which
  // cost as much as the rest of the constructor in the profile.
  /** The Node response this request is answered on (set by the handler before the app runs). */
  declare [kResponse]: ServerResponse | undefined
  declare [kSignal]: AbortSignal | undefined
  declare [kReading]: boolean | undefined

  override text(): Promise<string> {
    return consume(this, () => super.text())
  }
  override json(): Promise<unknown> {
    return consume(this, () => super.json())
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return consume(this, () => super.arrayBuffer())
  }
  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return consume(this, () => super.bytes())
  }
  override blob(): Promise<Blob> {
    return consume(this, () => super.blob())
  }
  override formData(): Promise<FormData> {
    return consume(this, () => super.formData())
  }

  override get signal(): AbortSignal {
    let signal = this[kSignal]
    if (signal === undefined) {
      const controller = new AbortController()
      signal = this[kSignal] = controller.signal
      const res = this[kResponse]
      // ServerResponse emits 'close' when its socket closes, also after a complete answer:
      // only a close before 'finish' means the client went away (what @whatwg-node/server does).
      if (res?.closed) {
        if (!res.writableFinished) controller.abort()
      } else {
        res?.once('close', () => {
          if (!res.writableFinished) controller.abort()
        })
      }
    }
    return signal
  }
}

/** Ties `request` (a `NodeRequest`, possibly behind a proxy) to the response it is answered on. */
export function attachResponse(request: Request, res: ServerResponse): void {
  ;(request as NodeRequest)[kResponse] = res
}
