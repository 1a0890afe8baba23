import type { ServerResponse } from 'node:http'
import { Request as FetchRequest } from '@whatwg-node/fetch'

const kResponse = Symbol('ferry.node.response')
const kSignal = Symbol('ferry.node.signal')

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
