/**
 * `LightResponse` is a `Response` (its prototype chains to `Response.prototype`, so `instanceof
 * Response` holds) that keeps a string or `null` body as it is and builds the runtime's real
 * Response only when something needs it: `body`, `clone()`, or a read of a body it does not hold
 * as a string. On Node, undici's Response makes a ReadableStream for every body (see decision
 * 006), which costs more than routing; an adapter that writes `text()`-able bodies never pays it.
 * Any other body goes straight to the real class, so its defaults (a Blob's type, a FormData
 * boundary) are the runtime's own.
 */
export function createLightResponse(Base: typeof Response): typeof Response {
  const encoder = new TextEncoder()
  // RFC 9110 §15: status codes whose responses carry no content (Fetch's "null body status").
  const NULL_BODY = [101, 103, 204, 205, 304]
  // RFC 9110 §5.1 (a field name is a token) and §5.5 (no CR, LF or NUL in a value).
  const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
  const BAD_VALUE = /[\0\r\n]/

  function isValidRecord(h: HeadersInit): h is Record<string, string> {
    if (Object.getPrototypeOf(h) !== Object.prototype) return false
    for (const k in h) {
      const v = (h as Record<string, unknown>)[k]
      if (typeof v !== 'string' || !NAME.test(k) || BAD_VALUE.test(v)) return false
    }
    return true
  }

  // Fetch gives a string body `text/plain;charset=UTF-8` unless a Content-Type is set.
  function withType(h: Headers, body: string | null): Headers {
    if (body !== null && !h.has('content-type')) h.set('content-type', 'text/plain;charset=UTF-8')
    return h
  }

  class LightResponse {
    // Assigned in the constructor unless it returns a real Response instead.
    #body!: string | null
    #status!: number
    #statusText!: string
    #headers: Headers | undefined
    #init: Record<string, string> | undefined
    #real: Response | undefined
    #used = false

    constructor(body?: BodyInit | null, init?: ResponseInit) {
      const status = init?.status ?? 200
      const statusText = init?.statusText ?? ''
      body ??= null
      if (typeof body !== 'string' && body !== null) {
        // The real class knows every other body kind: it is the whole answer, not a wrapper.
        // biome-ignore lint/correctness/noConstructorReturn: `new R(blob)` must be a real Response
        return new Base(body, init) as unknown as LightResponse
      }
      // The same checks the Fetch standard makes in `new Response()`, with the same error types.
      if (!Number.isInteger(status) || status < 200 || status > 599) {
        throw new RangeError(`Response status ${status} is not in the range 200 to 599`)
      }
      if (body !== null && NULL_BODY.includes(status)) {
        throw new TypeError(`a Response with status ${status} cannot have a body`)
      }
      if (statusText !== '' && !/^[\t\x20-\x7e\x80-\xff]*$/.test(statusText)) {
        throw new TypeError(`Response statusText ${JSON.stringify(statusText)} is not valid`)
      }
      this.#body = body
      this.#status = status
      this.#statusText = statusText
      const h = init?.headers
      // A record of valid fields (what the router itself passes) becomes Headers when first asked
      // for; any other init is copied now, as `new Response()` does, so later changes to the
      // caller's object do not leak in and a bad field throws here.
      if (h === undefined || isValidRecord(h)) this.#init = h
      else this.#headers = withType(new Headers(h), body)
    }

    /** The response's own headers: changes made here before the body is sent are sent. */
    get headers(): Headers {
      this.#headers ??= withType(new Headers(this.#init), this.#body)
      return this.#headers
    }

    // The real Response, built once, with the headers as they are now.
    #make(): Response {
      if (this.#real === undefined) {
        const real = new Base(this.#body, {
          status: this.#status,
          statusText: this.#statusText,
          headers: this.headers,
        })
        this.#real = real
      }
      return this.#real
    }

    #take(): string {
      // A null body is no stream: reading it gives '' and leaves bodyUsed false, as in Fetch.
      if (this.#body === null) return ''
      if (this.#used) throw new TypeError('Body is unusable: the body has already been read')
      this.#used = true
      return this.#body
    }

    get status(): number {
      return this.#status
    }
    get statusText(): string {
      return this.#statusText
    }
    get ok(): boolean {
      return this.#status >= 200 && this.#status < 300
    }
    get type(): ResponseType {
      return 'default'
    }
    get url(): string {
      return ''
    }
    get redirected(): boolean {
      return false
    }
    get body(): ReadableStream<Uint8Array> | null {
      if (this.#body === null) return null
      return this.#used && this.#real === undefined ? this.#spent() : this.#make().body
    }
    get bodyUsed(): boolean {
      return this.#real === undefined ? this.#used : this.#real.bodyUsed
    }

    // A body read as text already: the stream a real Response would show, locked and drained.
    #spent(): ReadableStream<Uint8Array> {
      this.#used = false
      const b = this.#make().body!
      void b.getReader().read()
      return b
    }

    text(): Promise<string> {
      if (this.#real !== undefined) return this.#real.text()
      try {
        return Promise.resolve(this.#take())
      } catch (e) {
        return Promise.reject(e)
      }
    }
    async json(): Promise<any> {
      return JSON.parse(await this.text())
    }
    async arrayBuffer(): Promise<ArrayBuffer> {
      return (await this.bytes()).buffer as ArrayBuffer
    }
    async bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return encoder.encode(await this.text())
    }
    async blob(): Promise<Blob> {
      const type = this.headers.get('content-type') ?? ''
      return new Blob([await this.bytes()], { type })
    }
    formData(): Promise<FormData> {
      return this.#make().formData()
    }
    clone(): Response {
      if (this.bodyUsed) throw new TypeError('Response.clone: the body has already been read')
      const init = { status: this.#status, statusText: this.#statusText, headers: this.headers }
      return new LightResponse(this.#body, init) as unknown as Response
    }
  }
  Object.setPrototypeOf(LightResponse.prototype, Base.prototype)
  Object.setPrototypeOf(LightResponse, Base)
  return LightResponse as unknown as typeof Response
}
