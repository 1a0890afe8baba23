/**
 * A bare request is the part of a request that a URL kind looks at: the method, the decoded path
 * segments relative to where the kind is bound, and the query.
 *
 * `path` holds percent-decoded segments: `/a%2Fb/c` is `['a/b', 'c']`; the root is `['']` and a
 * trailing slash is a final empty segment (`/docs/` is `['docs', '']`).
 */
export interface Bare {
  /** The request method, as sent (methods are case-sensitive tokens, RFC 9110 §9.1). */
  readonly method: string
  /** Decoded path segments relative to the kind's binding. */
  readonly path: readonly string[]
  /** The query parameters. */
  readonly query: URLSearchParams
  /** Anything the caller wants a custom kind to see (the router passes nothing here). */
  readonly ext?: unknown
}

/** A URL a kind encoded: the method to use and the bare parts of the URL. */
export interface EncodedBare {
  readonly method: string
  readonly path: readonly string[]
  readonly query: URLSearchParams
}

/**
 * `Decoded<T>` is the outcome of decoding a bare request: a value (`match`), "not mine" (`none`),
 * or "mine, but answer now" (`reject`) with the Response to send.
 */
export type Decoded<T> =
  | { readonly outcome: 'match'; readonly value: T }
  | { readonly outcome: 'none' }
  | { readonly outcome: 'reject'; readonly response: Response }

/**
 * A codec is a bijection between some strings and the values of `T`.
 *
 * It is canonical: `decode(encode(v))` equals `v` for every `v`, and for every string `s` that
 * decodes, `encode(decode(s)) === s`. `decode` answers `undefined` for a string outside the codec.
 */
export interface Codec<T> {
  /** A short name used in error messages and the route inventory (`int`, `uuid`, ...). */
  readonly name: string
  /** The value that `s` stands for, or `undefined` when `s` is not a canonical form. */
  decode(s: string): T | undefined
  /** The one canonical string for `v`. */
  encode(v: T): string
}

/**
 * A query codec reads every value of one query key (`[]` when the key is absent) and writes them
 * back. `decode` answers `undefined` for values it refuses: that becomes a 400.
 */
export interface QueryCodec<T> {
  readonly name: string
  /** Whether the key may be absent (its parameter is then optional in the kind's value). */
  readonly optional: boolean
  decode(values: readonly string[]): { value: T } | undefined
  encode(v: T): readonly string[]
}

/** A codec for a rest capture (`*path`): any number of whole path segments. */
export interface RestCodec<T> {
  readonly name: string
  readonly rest: true
  decode(segments: readonly string[]): T | undefined
  encode(v: T): readonly string[]
}

/** The value type a codec stands for. */
export type CodecValue<C> =
  C extends Codec<infer T>
    ? T
    : C extends QueryCodec<infer T>
      ? T
      : C extends RestCodec<infer T>
        ? T
        : never

/**
 * A URL kind is one definition that decodes bare requests into values of `T` and encodes values
 * back into URLs, so routing and links cannot disagree. `In` is what it encodes: `T` itself, or
 * for a pattern kind `T` with the query keys that may be absent optional (a default stands for
 * a key left out).
 */
export interface Kind<T = any, In = T> {
  /** The kind's name (for a pattern kind, its pattern, e.g. `GET /posts/:id`). */
  readonly name: string
  /** Methods this kind answers to. An empty list means any method. */
  readonly methods: readonly string[]
  /** Whether the kind's root URL is a directory (`/prefix/`) or a file (`/prefix`) once mounted. */
  readonly rootIs: 'dir' | 'file'
  /** The bare request that stands for `v` (its method is the kind's first method, or `GET`). */
  encode(v: In): EncodedBare
  /** The outcome of decoding `b` with this kind. Never throws. */
  decode(b: Bare): Decoded<T>
  /** `href(v)` is the canonical path (and query) of `v` relative to the kind's binding. */
  href(v: In): string
}

/** The value type of a kind. */
export type KindValue<K> = K extends Kind<infer T, any> ? T : never

/** The value a kind encodes (`href`, `encode`): its value type, or less for a pattern kind. */
export type KindInput<K> = K extends { href(v: infer I): string } ? I : never
