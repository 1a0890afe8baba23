// The entry for Node-like runtimes (the `node` export condition): the platform-neutral API, with a
// `createRouter` that may build answers with the light Response on Node (decision 006).
export * from './web.js'
export { createRouter } from './lib/node-router.js'
