/**
 * What Hono keeps of a body it read: `HonoRequest.bodyCache`, one entry (a value or its promise)
 * per form it was read as (`c.req.json()`, `c.req.parseBody()`, the validators, ...).
 */
export interface HonoBodyCache {
  arrayBuffer?: ArrayBuffer | Promise<ArrayBuffer>
  blob?: Blob | Promise<Blob>
  text?: string | Promise<string>
  json?: unknown
  formData?: FormData | Promise<FormData>
}

/**
 * `unreadRequest(raw, cache)` is a request Ferry can read the body of: `raw` itself when its body
 * is unread (the common case, nothing is copied), otherwise `raw` with the body Hono cached when
 * its middleware read it. Hono reads `c.req.raw` and keeps the result, so without this a Ferry
 * route with a body spec behind a Hono validator would fail with undici's "Body is unusable".
 *
 * The body is rebuilt from the most exact form Hono kept: bytes, then text (UTF-8, as Fetch's
 * `text()` decoded it, with a `charset` parameter saying so), then JSON (re-serialized, as Hono
 * itself does, in UTF-8 likewise), then form data (urlencoded again when it was sent so, in UTF-8;
 * otherwise a new multipart body with a new boundary; either way its `Content-Type` is the new
 * one). `Content-Length` says the rebuilt body's length, and `Transfer-Encoding` is dropped. A used
 * body Hono did not cache, or whose cached read failed, is returned as it is.
 */
export async function unreadRequest(
  raw: Request,
  cache: HonoBodyCache | undefined,
): Promise<Request> {
  if (!raw.bodyUsed || cache === undefined) return raw
  try {
    return await fromCache(raw, cache)
  } catch {
    // The read Hono cached failed (a malformed form a tolerant middleware let pass, an aborted
    // upload): the body is gone, but the request may still fall through or need no body.
    return raw
  }
}

async function fromCache(raw: Request, cache: HonoBodyCache): Promise<Request> {
  const headers = new Headers(raw.headers)
  // The rebuilt body is not the chunked stream that came in: its framing is its length (RFC 9112
  // §6.1 forbids sending both, and undici's fetch refuses a request that forwards both).
  headers.delete('transfer-encoding')
  let body: BodyInit
  if (cache.arrayBuffer !== undefined) body = await cache.arrayBuffer
  else if (cache.blob !== undefined) body = await (await cache.blob).arrayBuffer()
  else if (cache.text !== undefined || cache.json !== undefined) {
    body = encoder.encode(
      cache.text !== undefined ? await cache.text : JSON.stringify(await cache.json),
    )
    // Fetch's `text()` and `json()` decode every body as UTF-8, whatever its charset: the text is
    // re-encoded in UTF-8, so a declared charset now says UTF-8.
    const type = raw.headers.get('content-type')
    if (type !== null && /;\s*charset\s*=/i.test(type))
      headers.set(
        'content-type',
        type.replace(/(;\s*charset\s*=\s*)("[^"]*"|[^;\s]*)/gi, '$1UTF-8'),
      )
  } else if (cache.formData !== undefined) {
    const form = await cache.formData
    // A urlencoded body stays urlencoded (a route may accept only that type); `formData()` decoded
    // it as UTF-8 (Fetch "application/x-www-form-urlencoded parser"), so that is the charset now.
    if (isUrlencoded(raw.headers.get('content-type'))) {
      const pairs = [...form].map(([k, v]) => [k, String(v)])
      body = encoder.encode(new URLSearchParams(pairs).toString())
      headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8')
      headers.set('content-length', String(body.byteLength))
      return rebuilt(raw, headers, body)
    }
    body = form
    // The Request constructor writes the multipart type with the boundary it chose (Fetch
    // "extract a body"), but only when the headers have none.
    headers.delete('content-type')
    headers.delete('content-length')
    return rebuilt(raw, headers, body)
  } else return raw
  headers.set('content-length', String(body.byteLength))
  return rebuilt(raw, headers, body)
}

// From the parts a server request has, not `new Request(raw, init)`: @hono/node-server's `c.req.raw`
// is an object on `Request.prototype` that the platform's constructor does not take as its input.
// Workers' `cf` (the client's country, ASN, TLS data) is one of those parts: its RequestInit takes
// it, and other runtimes ignore the member.
function rebuilt(raw: Request, headers: Headers, body: BodyInit): Request {
  const init: RequestInit & { cf?: unknown } = {
    method: raw.method,
    headers,
    body,
    signal: raw.signal,
  }
  const cf = (raw as { cf?: unknown }).cf
  if (cf !== undefined) init.cf = cf
  return new Request(raw.url, init)
}

const encoder = new TextEncoder()

function isUrlencoded(type: string | null): boolean {
  return type?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded'
}
