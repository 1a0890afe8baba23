/** A kind definition that cannot work: a malformed pattern, a duplicate or unknown name. */
export class KindDefinitionError extends Error {
  override readonly name = 'KindDefinitionError'
}

/** A value that a kind or codec cannot encode (outside the codec's domain). */
export class KindEncodeError extends Error {
  // `string`, not the literal: a subclass (the router's ShadowedHrefError) names itself.
  override readonly name: string = 'KindEncodeError'
}
