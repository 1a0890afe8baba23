export { createFileSource } from './lib/file-source.js'
export { type Server, type ServeOptions, serve } from './lib/serve.js'
