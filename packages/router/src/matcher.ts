export { createMatcher, type PathMatcher } from './lib/create-matcher.js'
export type { Candidate } from './lib/matcher.js'
