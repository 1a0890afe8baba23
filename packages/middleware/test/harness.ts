// A minimal stand-in for the router's layer machinery, so each layer can be tested on its own:
// onion composition, `next(fields)` adding to the context, and HttpError → problem+json.
import { type BaseContext, type Layer, isHttpError } from '@ferry/router'

export interface RunOptions {
  remoteAddress?: string
  allow?: string
  method?: string
  headers?: HeadersInit
  body?: BodyInit | null
}

type Handler = (c: any) => Response | Promise<Response>

export function problem(err: unknown): Response {
  if (!isHttpError(err)) throw err
  const { headers, ...fields } = err.fields
  const res = new Response(JSON.stringify({ status: err.status, ...fields }), {
    status: err.status,
    headers: headers ?? {},
  })
  res.headers.set('content-type', 'application/problem+json')
  return res
}

/** `run(layers, handler, url, options)` is the response the layers and handler give for the request. */
export async function run(
  layers: Layer<any, any>[],
  handler: Handler,
  url: string | Request,
  options: RunOptions = {},
): Promise<Response> {
  const request =
    typeof url === 'string'
      ? new Request(new URL(url, 'http://app.test'), {
          method: options.method ?? 'GET',
          headers: options.headers ?? {},
          body: options.body ?? null,
          ...(options.body instanceof ReadableStream ? { duplex: 'half' } : {}),
        } as RequestInit)
      : url
  const base: BaseContext & { R: typeof Response } = {
    // Methods use `this`, as the router's context class does, so a detached `c.respond` fails here too.
    R: Response,
    request,
    executionContext: undefined,
    env: undefined,
    remoteAddress: options.remoteAddress,
    route: undefined,
    allow: options.allow,
    waitUntil: () => {},
    href: () => '/',
    url: () => 'http://app.test/',
    redirect: () => new Response(null, { status: 302 }),
    json(v, init) {
      return this.R.json(v, init)
    },
    text(v, init) {
      return new this.R(v, init)
    },
    html(v, init) {
      return new this.R(v, init)
    },
    respond(b, init) {
      return new this.R(b, init)
    },
  }
  const dispatch = async (i: number, c: any): Promise<Response> => {
    try {
      if (i === layers.length) return await handler(c)
      return await layers[i]!(c, ((fields?: object) =>
        dispatch(i + 1, { ...c, ...fields })) as never)
    } catch (err) {
      if (i === 0) return problem(err)
      throw err
    }
  }
  return dispatch(0, base)
}

/** A handler answering `body` with `init`. */
export const answer =
  (body: BodyInit | null, init?: ResponseInit): Handler =>
  () =>
    new Response(body, init)

/**
 * `WorkersResponse` models what workerd does with `encodeBody` (checked against workerd
 * 1.20261117): it is hidden state, not a readable property, taken from a plain init's member or
 * carried over when another Response is the init; `'automatic'` (the default) makes workerd
 * compress the body to match `Content-Encoding`, so an already-encoded body is encoded twice.
 * Tests install it as the global Response (`vi.stubGlobal`), as it is on Workers.
 */
export class WorkersResponse extends Response {
  readonly encoding: 'automatic' | 'manual'
  constructor(body?: BodyInit | null, init?: ResponseInit) {
    super(body, init)
    this.encoding =
      init instanceof WorkersResponse
        ? init.encoding
        : ((init as { encodeBody?: 'manual' } | undefined)?.encodeBody ?? 'automatic')
  }
}

/**
 * `WorkersRequest` models workerd's `request.cf` (the client's country, ASN, TLS data): a property
 * of the request, taken from a RequestInit's `cf` member, as the hono package's workerd test checks.
 * Tests install it as the global Request (`vi.stubGlobal`), as it is on Workers.
 */
export class WorkersRequest extends Request {
  readonly cf: unknown
  constructor(input: RequestInfo | URL, init?: RequestInit & { cf?: unknown }) {
    super(input, init)
    this.cf = init?.cf ?? (input instanceof WorkersRequest ? input.cf : undefined)
  }
}

/**
 * `quietBody(text)` is a body that sends `text` (nothing at all when it is empty) and then nothing
 * more, never ending, as a stalled upstream would; `cancelled()` says whether a reader gave up on
 * it.
 */
export function quietBody(text: string): {
  body: ReadableStream<Uint8Array>
  cancelled: () => boolean
} {
  let cancelled = false
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (text !== '') controller.enqueue(new TextEncoder().encode(text))
    },
    cancel() {
      cancelled = true
    },
  })
  return { body, cancelled: () => cancelled }
}
