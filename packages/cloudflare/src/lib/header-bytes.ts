// Anything outside ASCII: a value workerd decoded from UTF-8 bytes.
const NON_ASCII = /[\u0080-\uffff]/
const utf8 = new TextEncoder()

/**
 * `withHeaderBytes(request)` is `request` with every header value as the Fetch standard exposes
 * it, one code unit per byte (https://fetch.spec.whatwg.org/#concept-header-value), as Node, Bun
 * and Deno hand it over. workerd decodes request header values as UTF-8 instead, so the bytes
 * `C3 A9` read as `é` there and as `Ã©` elsewhere, and code that decodes a header's bytes itself
 * (`TextDecoder` over the code units) breaks on workerd alone. A request whose values are all
 * ASCII, nearly every one, is returned as it is; another is rebuilt with the values re-encoded.
 * A byte that was not UTF-8 cannot be recovered: workerd has already replaced it with U+FFFD.
 */
export function withHeaderBytes(request: Request): Request {
  let headers: Headers | undefined
  for (const [name, value] of request.headers) {
    if (!NON_ASCII.test(value)) continue
    headers ??= new Headers(request.headers)
    headers.set(name, String.fromCharCode(...utf8.encode(value)))
  }
  return headers === undefined ? request : new Request(request, { headers })
}
