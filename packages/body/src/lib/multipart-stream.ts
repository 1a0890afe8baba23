import { accepting, type BodySpec } from '@ferry/router'
import { type MultipartLimits, resolveLimits } from './limits.js'
import type { MultipartPart } from './multipart-part.js'
import { boundaryOf } from './boundary.js'
import { createMultipartReader, type MultipartReader } from './multipart-reader.js'

/**
 * `multipart.stream(limits?)` is the body spec whose value is a `MultipartReader`: every part in
 * arrival order, each body a pull stream. The first part's header is read before the handler
 * runs, so a body that is not multipart at all is answered 400 without it.
 */
export function multipartStream(limits?: MultipartLimits): BodySpec<MultipartReader> {
  const resolved = resolveLimits(limits)
  return {
    ...accepting(['multipart/form-data']),
    async parse(request, ctx) {
      const boundary = boundaryOf(request, ctx.mediaType, ctx.mediaParams)
      const reader = createMultipartReader(request, boundary, resolved, { signal: ctx.signal })
      const first = await reader.next()
      let pending: IteratorResult<MultipartPart, undefined> | undefined = first
      const replay: MultipartReader = {
        next() {
          const result = pending
          pending = undefined
          return result ? Promise.resolve(result) : reader.next()
        },
        return() {
          // A first part not yet taken is moved past too: `next()` after `return()` is done.
          pending = undefined
          return reader.return()
        },
        [Symbol.asyncIterator]() {
          return this
        },
      }
      return replay
    },
  }
}
