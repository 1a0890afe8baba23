import { type Kind, KindEncodeError, type KindInput } from '@ferry/kind'
import { answered, asProblem, ClientError } from './client-error.js'
import { encodeFailure } from './encode-error.js'

/** Options of `createClient`. */
export interface ClientOptions {
  /** The origin (and optional base path) hrefs are resolved against: `https://api.example.com/v1`. */
  readonly baseUrl: string
  /** The fetch to call. Default: the global `fetch`. Pass `app.fetch` to call a Ferry app in-process. */
  readonly fetch?: (request: Request) => Promise<Response>
  /**
   * Headers sent with every request (per-call headers win). A `Content-Type` here labels only
   * bodies without a type of their own: not `json`, `FormData`, `URLSearchParams` or a typed `Blob`.
   */
  readonly headers?: HeadersInit
}

/** Per-call options: `RequestInit` without `method`, plus `json` to send a JSON body. */
export interface CallOptions extends Omit<RequestInit, 'method'> {
  /** A value sent as `application/json` (instead of `body`). */
  readonly json?: unknown
}

// The bodies fetch labels itself (Fetch Standard, "extract a body"): forms, and a Blob with a type.
function hasOwnType(body: BodyInit | null | undefined): boolean {
  return (
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    (body instanceof Blob && body.type !== '')
  )
}

type Args<K extends Kind> =
  {} extends KindInput<K>
    ? [value?: KindInput<K>, options?: CallOptions]
    : [value: KindInput<K>, options?: CallOptions]

/** A typed client: every call names a kind and its value, so URLs come from the same definition. */
export interface Client {
  /** `url(kind, v)` is the absolute URL of `v` under the client's base. */
  url<K extends Kind>(kind: K, ...args: Args<K>): string
  /** Sends the request for `v` (method from the kind) and resolves with the Response as it is. */
  fetch<K extends Kind>(kind: K, ...args: Args<K>): Promise<Response>
  /**
   * Sends the request and resolves with the parsed JSON body (`undefined` for HEAD, 204 and
   * 205, which have no content); throws `ClientError` for a non-2xx answer, with the
   * problem+json body parsed when there is one.
   * `T` is inferred from the annotation of the result; given as a type argument, it leaves `K`
   * at `Kind`, whose value is not checked.
   */
  json<T = unknown, K extends Kind = Kind>(kind: K, ...args: Args<K>): Promise<T>
}

// What `json()` asks for unless told otherwise: JSON, and its problem documents (RFC 9457 §3), over
// anything else, so a route that also produces HTML answers JSON, and one that produces only
// another JSON type (`application/vnd.api+json`) still answers instead of a 406.
const JSON_ACCEPT = 'application/json, application/problem+json, */*;q=0.1'

/**
 * `createClient(options)` is a typed client for the kinds of a Ferry app. Browser-safe. Throws a
 * `TypeError` for a `baseUrl` that is not an absolute URL with an origin (`http:`, `https:`), or
 * that has credentials (`https://user:pass@...`).
 */
export function createClient(options: ClientOptions): Client {
  const base = new URL(options.baseUrl)
  // Only http(s)-like URLs have an origin (URL Standard §4.5); 'localhost:3000' is the scheme
  // "localhost:", and every URL built on it would be invalid.
  if (base.origin === 'null') {
    throw new TypeError(
      `baseUrl ${JSON.stringify(options.baseUrl)} has no origin: write http://...`,
    )
  }
  // Fetch refuses a URL with credentials (Fetch Standard, Request constructor) and the origin
  // drops them: refused here, rather than every request going out without them.
  if (base.username !== '' || base.password !== '') {
    throw new TypeError(
      `baseUrl ${JSON.stringify(options.baseUrl)} has credentials: send them in an Authorization header`,
    )
  }
  // '/api/' and '/api//' are the prefix '/api', as the router reads an embedding's basePath.
  const prefix = base.pathname.replace(/\/+$/, '')
  const doFetch = options.fetch ?? ((r: Request) => fetch(r))

  // A codec's KindEncodeError knows the value, not the kind or key it came from: retold with both.
  const encoded = <R>(kind: Kind, value: unknown, encode: (v: unknown) => R): R => {
    try {
      return encode(value)
    } catch (e) {
      throw e instanceof KindEncodeError ? encodeFailure(kind, value, e) : e
    }
  }

  // Concatenated after the origin, never resolved against it: a path starting '//' (a base path
  // of '//' or '//api') would be a network-path reference naming another host (RFC 3986 §4.2).
  const url = (kind: Kind, value: unknown): string => {
    const h = encoded(kind, value, (v) => kind.href(v))
    // Under a base path a kind's root is the base itself, or `base/` for a 'dir' root: the rule of
    // a router's mount (Kind.rootIs), so a client of a mounted router asks for its canonical URL.
    const root = prefix !== '' && kind.rootIs !== 'dir' && (h === '/' || h.startsWith('/?'))
    return new URL(base.origin + prefix + (root ? h.slice(1) : h)).href
  }

  const request = (
    kind: Kind,
    value: unknown,
    call: CallOptions = {},
    accept?: string,
  ): Request => {
    const { json, headers, ...init } = call
    const own = new Headers(headers)
    const h = new Headers(options.headers)
    for (const [k, v] of own) h.set(k, v)
    if (accept !== undefined && !h.has('accept')) h.set('accept', accept)
    let body = init.body
    if (json !== undefined) {
      if (body !== undefined && body !== null)
        throw new TypeError('pass either json or body, not both')
      // undefined for a function, a symbol, or a toJSON giving undefined: no text to send.
      body = JSON.stringify(json) as string | undefined
      if (body === undefined) throw new TypeError(`json: ${typeof json} has no JSON text`)
    }
    // A body that carries its own type is labelled by it, not by the client's default: a multipart
    // type without the boundary fetch generates could not be parsed (RFC 7578 §4.1). The call's own
    // Content-Type still wins.
    if (!own.has('content-type') && (json !== undefined || hasOwnType(body))) {
      h.delete('content-type')
    }
    if (json !== undefined && !h.has('content-type')) h.set('content-type', 'application/json')
    // Fetch requires `duplex: 'half'` for a stream body (RequestInit.duplex; Node's undici and
    // Chromium throw without it); it is the only value, and harmless for other bodies.
    const withDuplex: RequestInit & { duplex?: 'half' } = {
      duplex: 'half',
      ...init,
      method: encoded(kind, value, (v) => kind.encode(v)).method,
      headers: h,
      body,
    }
    return new Request(url(kind, value), withDuplex)
  }

  return {
    url: (kind, ...args) => url(kind, args[0]),
    // Async, so a value that does not encode (KindEncodeError) rejects the promise like any other
    // failure instead of throwing before there is one; still before anything is sent.
    fetch: async (kind, ...args) => doFetch(request(kind, args[0], args[1])),
    async json(kind, ...args) {
      const req = request(kind, args[0], args[1], JSON_ACCEPT)
      const res = await doFetch(req)
      if (!res.ok) {
        const type = res.headers.get('content-type') ?? ''
        const json = type.includes('json')
        const problem = json ? asProblem(await res.json().catch(() => undefined)) : undefined
        // A body json() did not read is released; one it read (even failing) is already used.
        if (!json && !res.bodyUsed) await res.body?.cancel()
        const err = new ClientError(res.status, res, problem)
        // An in-process app's Response has no url; the Request always has one, and the method.
        err.message = answered(`${req.method} ${res.url || req.url}`, res.status, problem)
        throw err
      }
      // No content by definition: an answer to HEAD (RFC 9110 §9.3.2), 204 and 205 (§15.3.5-6).
      if (req.method === 'HEAD' || res.status === 204 || res.status === 205) {
        await res.body?.cancel()
        return undefined as never
      }
      try {
        return await res.json()
      } catch (e) {
        // Response.json()'s message quotes the text, not where it came from: an HTML fallback
        // page answering 200 would be hard to place. Still a SyntaxError, the cause kept.
        if (!(e instanceof SyntaxError)) throw e
        const type = res.headers.get('content-type') ?? 'without a Content-Type'
        throw new SyntaxError(
          `${req.method} ${res.url || req.url} answered ${res.status} ${type}, not JSON: ${e.message}`,
          { cause: e },
        )
      }
    },
  }
}
