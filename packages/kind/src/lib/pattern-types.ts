import type { Codec, CodecValue, QueryCodec, RestCodec } from './types.js'

/** The path part of a pattern string: `GET /posts/:id` is `/posts/:id`. */
export type PathOf<P extends string> = P extends `/${string}`
  ? P
  : P extends `${string} /${infer Rest}`
    ? `/${Rest}`
    : P

type Segments<P extends string> = P extends `${infer H}/${infer T}` ? H | Segments<T> : P
type ParamOf<S> = S extends `:${infer N}` ? N : never
type RestOf<S> = S extends `*${infer N}` ? N : never

/** The names of the `:name` captures of a path pattern. */
export type ParamNames<P extends string> = ParamOf<Segments<PathOf<P>>>
/** The names of the `*name` rest captures of a path pattern. */
export type RestNames<P extends string> = RestOf<Segments<PathOf<P>>>
/** Every capture name of a path pattern. */
export type CaptureNames<P extends string> = ParamNames<P> | RestNames<P>

// What `\s` matches (ECMA-262 WhiteSpace and LineTerminator), one character each.
type Whitespace =
  | ' '
  | '\t'
  | '\n'
  | '\v'
  | '\f'
  | '\r'
  | '\u00a0'
  | '\u1680'
  | '\u2000'
  | '\u2001'
  | '\u2002'
  | '\u2003'
  | '\u2004'
  | '\u2005'
  | '\u2006'
  | '\u2007'
  | '\u2008'
  | '\u2009'
  | '\u200a'
  | '\u2028'
  | '\u2029'
  | '\u202f'
  | '\u205f'
  | '\u3000'
  | '\ufeff'

/**
 * What `kind` asks of pattern `P` beside being `P`: nothing (`unknown`), or for a pattern the
 * runtime refuses at definition, an object whose key says why, so that the type error names it:
 * whitespace at its end, or a capture named `query`. (A parameter typed `P & PatternCheck<P>`
 * still infers `P`.)
 */
export type PatternCheck<P extends string> = P extends `${string}${Whitespace}`
  ? { readonly 'a path pattern cannot end with whitespace': never }
  : 'query' extends CaptureNames<P>
    ? { readonly 'a capture cannot be named "query": codecs.query holds the query codecs': never }
    : unknown

/** What a codec spec may hold for pattern `P`: a codec per capture name, and `query`. */
export type SpecFor<P extends string> = {
  readonly [K in ParamNames<P>]?: Codec<any>
} & {
  readonly [K in RestNames<P>]?: RestCodec<any>
} & {
  readonly query?: Readonly<Record<string, Codec<any> | QueryCodec<any>>>
}

/**
 * Spec keys that are neither captures nor `query`: each must be `never` (a type error naming it);
 * and query keys named as a capture, for which `query` must have a key that says so.
 */
export type NoStrayKeys<P extends string, S> = {
  readonly [K in Exclude<keyof S, CaptureNames<P> | 'query'>]: never
} & (S extends { readonly query: infer Q }
  ? keyof Q & CaptureNames<P> extends never
    ? unknown
    : {
        readonly query: {
          readonly [K in keyof Q &
            CaptureNames<P> as `${K & string} is a capture: a name is a capture or a query key, not both`]: never
        }
      }
  : unknown)

type Simplify<T> = { [K in keyof T]: T[K] } & {}

type PathValue<P extends string, S> = {
  [K in ParamNames<P>]: K extends keyof S ? CodecValue<S[K]> : string
} & {
  [K in RestNames<P>]: K extends keyof S ? CodecValue<S[K]> : string[]
}

type QuerySpec<S> = S extends { readonly query: infer Q } ? Q : {}
// A key is optional in the value when it may be absent and has no default to stand in for it.
type IsOptional<C> = C extends { readonly defaulted: true }
  ? false
  : C extends { readonly optional: true }
    ? true
    : false
type QueryValue<Q> = {
  -readonly [K in keyof Q as IsOptional<Q[K]> extends true ? never : K]: CodecValue<Q[K]>
} & {
  -readonly [K in keyof Q as IsOptional<Q[K]> extends true ? K : never]?: CodecValue<Q[K]>
}

/** The value type of the pattern kind for pattern `P` and codec spec `S`. */
export type PatternValue<P extends string, S> = Simplify<PathValue<P, S> & QueryValue<QuerySpec<S>>>

// In a value to encode, a key that may be absent may be left out, defaulted or not: encoding
// leaves a default out of the URL anyway.
type MayBeAbsent<C> = C extends { readonly optional: true } ? true : false
type QueryInput<Q> = {
  -readonly [K in keyof Q as MayBeAbsent<Q[K]> extends true ? never : K]: CodecValue<Q[K]>
} & {
  -readonly [K in keyof Q as MayBeAbsent<Q[K]> extends true ? K : never]?: CodecValue<Q[K]>
}

/**
 * What the pattern kind for `P` and `S` encodes: its value, with the keys that may be absent
 * optional. For a kind with no parameter at all, an object with no keys: `{}` would take any
 * value but `null` and `undefined` (`{ json: ... }` meant for a client's options, a status meant
 * for `redirect`), and encoding would drop it without a word.
 */
export type PatternInput<P extends string, S> = NoKeysIsEmpty<
  P,
  Simplify<PathValue<P, S> & QueryInput<QuerySpec<S>>>
>

// A pattern known only at run time (`string`) may have any parameters: its input stays `{}`.
type NoKeysIsEmpty<P extends string, V> = string extends P
  ? V
  : [keyof V] extends [never]
    ? { readonly [key: string]: never }
    : V
