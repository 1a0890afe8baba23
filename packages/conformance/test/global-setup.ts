import { buildFixtures } from '../src/harness/build-fixtures.js'

// Bundle the fixture once for every runtime before any runner starts.
export default async function setup() {
  await buildFixtures()
}
