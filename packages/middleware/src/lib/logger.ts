import type { Layer } from '@ferry/router'
import { isHttpError } from '@ferry/router'
import { replaceBody } from './replace-body'

/** One request as `logger()` records it. */
export interface LogEntry {
  /** When the request arrived, ISO 8601. */
  readonly time: string
  readonly method: string
  /** The URL path, without the query (queries often carry tokens). */
  readonly path: string
  /** The response status (the `HttpError`'s status, or 500, when an inner layer threw). */
  readonly status: number
  /** Milliseconds from arrival until the body was sent (or failed, or was cancelled). */
  readonly duration: number
  /** The request id from `requestId()` when it runs outside `logger()`. */
  readonly requestId?: string
  /** Body bytes actually sent. */
  readonly bytes: number
  /** Set when the response body failed or the client went away before it ended. */
  readonly aborted?: boolean
}

/** Options of `logger()`. */
export interface LoggerOptions {
  /** Receives each entry. Default: one JSON line on `console.log`. */
  write?: (entry: LogEntry) => void
  /** The clock in milliseconds. Default: `performance.now`. */
  now?: () => number
}

/**
 * `logger(options)` is a layer that writes one structured entry per request once its response body
 * has been sent (bytes are counted as they stream, so a streamed body is measured too). An error
 * thrown inside is logged with its status and thrown on. The entry is written from the body's end,
 * so a `write` that throws cannot break the response.
 */
export function logger(options: LoggerOptions = {}): Layer<{ requestId?: string }> {
  const write = options.write ?? ((entry: LogEntry) => console.log(JSON.stringify(entry)))
  const now = options.now ?? (() => performance.now())
  return async (c, next) => {
    const start = now()
    const time = new Date().toISOString()
    const path = new URL(c.request.url).pathname
    const emit = (status: number, bytes: number, aborted: boolean) => {
      const entry: LogEntry = {
        time,
        method: c.request.method,
        path,
        status,
        duration: Math.round((now() - start) * 1000) / 1000,
        ...(c.requestId !== undefined ? { requestId: c.requestId } : {}),
        bytes,
        ...(aborted ? { aborted } : {}),
      }
      try {
        write(entry)
      } catch {
        // A broken log sink must not turn a served request into a failure.
      }
    }
    let res: Response
    try {
      res = await next()
    } catch (err) {
      emit(isHttpError(err) ? err.status : 500, 0, false)
      throw err
    }
    // A HEAD answered by a GET route still carries the GET body here; the router drops it after
    // the layers (cancelling it, or measuring it for Content-Length), so nothing is sent: counting
    // it would log every HEAD as aborted and hide the body's length from the router.
    if (res.body === null || c.request.method === 'HEAD') {
      emit(res.status, 0, false)
      return res
    }
    let bytes = 0
    let done = false
    const finish = (aborted: boolean) => {
      if (done) return
      done = true
      emit(res.status, bytes, aborted)
    }
    const reader = res.body.getReader()
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const r = await reader.read()
          if (r.done) {
            finish(false)
            controller.close()
          } else {
            bytes += r.value.byteLength
            controller.enqueue(r.value)
          }
        } catch (err) {
          finish(true)
          controller.error(err)
        }
      },
      cancel(reason) {
        finish(true)
        return reader.cancel(reason)
      },
    })
    return replaceBody(c, res, body)
  }
}
