// Reads at most this much of a 404 problem body to recognise the router's own answer; the router's
// body is about 100 bytes, and a larger one is somebody else's.
const PEEK_LIMIT = 2048

/**
 * `takeFallThrough(res)` is `undefined` when `res` is the router's own "no kind matches this path"
 * answer (status 404, `application/problem+json`, `"step": "path"`, see `problem()` in
 * @ferry/router), and otherwise a response equal to `res` with its body untouched.
 *
 * A workaround until the router can signal the outcome itself (see the package README): a
 * `notFound` handler that answers its own 404 is not a fall-through, and only 404 problem bodies
 * are ever read, at most `PEEK_LIMIT` bytes of them.
 */
export async function takeFallThrough(res: Response): Promise<Response | undefined> {
  if (res.status !== 404 || res.body === null) return res
  const type = res.headers.get('content-type')?.toLowerCase() ?? ''
  if (!type.startsWith('application/problem+json') || res.headers.has('content-encoding'))
    return res
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
    if (size > PEEK_LIMIT) return new Response(replay(chunks, reader), res)
  }
  const bytes = concat(chunks, size)
  if (isPathProblem(bytes)) return undefined
  return new Response(bytes, res)
}

function isPathProblem(bytes: Uint8Array): boolean {
  try {
    const p = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>
    return p.status === 404 && p.step === 'path' && p.type === 'about:blank'
  } catch {
    return false
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/** A stream that gives back the chunks already read, then the rest of `reader`, as pulled. */
function replay(
  read: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const first = read.shift()
      if (first) return controller.enqueue(first)
      const { done, value } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}
