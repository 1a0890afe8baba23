import { type Kind, KindEncodeError } from '@ferry/kind'

/**
 * `UnroutedKindError` is what `href` (and `c.href`, `c.url`, `c.redirect`) throws for a kind that
 * neither the router nor any router mounted in it routes: `kind` names it. No request reaches
 * such a kind, so it has no URL in this app; like `ShadowedHrefError`, it is a `KindEncodeError`.
 * A mounted router's kinds are routed by the app that mounts it, under the mount prefix; served
 * alone, a router routes its own kinds only.
 */
export class UnroutedKindError extends KindEncodeError {
  override readonly name = 'UnroutedKindError'
  declare readonly kind: Kind

  constructor(kind: Kind) {
    super(`kind "${kind.name}" is not routed by this router or one mounted in it`)
    this.kind = kind
  }
}
