import { createServer } from 'node:net'

/**
 * `freePort()` is a TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). Another
 * process can take it before the server binds it: a runner checks every answer, and a server
 * that cannot bind exits, which the runner sees.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
