import { packageBuild } from '../../tsup.shared'

export default packageBuild(['src/index.ts', 'src/web.ts', 'src/matcher.ts', 'src/serve.ts'])
