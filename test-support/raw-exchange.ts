import { connect } from 'node:net'

/**
 * Sends `head` (UTF-8) on a raw socket to `origin`'s port on 127.0.0.1, ends the sending side
 * (unless `keepOpen`: then the server must end the exchange), and resolves with all the server
 * wrote (read as latin1, one char per byte) until the connection closed.
 */
export function rawExchange(origin: string, head: string, keepOpen = false): Promise<string> {
  const { port } = new URL(origin)
  return new Promise((resolve, reject) => {
    let out = ''
    const socket = connect(Number(port), '127.0.0.1', () =>
      keepOpen ? socket.write(head) : socket.end(head),
    )
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => {
      out += d
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(out))
  })
}
