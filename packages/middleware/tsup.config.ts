import { packageBuild } from '../../tsup.shared'

// One entry per `exports` subpath, so an edge bundle carries only the middleware it imports.
export const entries = [
  'index',
  'cors',
  'compress',
  'etag',
  'cookies',
  'forwarded',
  'logger',
  'request-id',
  'body-limit',
  'secure-headers',
  'csrf',
  'static',
]

export default packageBuild(entries.map((e) => `src/${e}.ts`))
