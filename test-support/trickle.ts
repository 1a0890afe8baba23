import { connect } from 'node:net'

/** What a trickling client saw: all the server wrote, and who ended the connection. */
export interface Trickled {
  /** What the server wrote, read as latin1 (one char per byte). */
  readonly out: string
  /** `server` when the server closed the connection, `client` when the client's bound ran out. */
  readonly closedBy: 'server' | 'client'
}

/**
 * `trickle(origin, first, bound)` is a slow client of the server at `origin` (127.0.0.1): it
 * sends `first`, then one more byte (`x`) every 100 ms for as long as the connection is open,
 * and gives up after `bound` ms. Send a head cut short to trickle header bytes, or a whole head
 * with a large `Content-Length` to trickle a body.
 */
export function trickle(origin: string, first: string, bound: number): Promise<Trickled> {
  const { port } = new URL(origin)
  return new Promise((resolve) => {
    let out = ''
    let closedBy: Trickled['closedBy'] = 'server'
    let ticker: ReturnType<typeof setInterval> | undefined
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(first)
      ticker = setInterval(() => socket.write('x'), 100)
    })
    const giveUp = setTimeout(() => {
      closedBy = 'client'
      socket.destroy()
    }, bound)
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => {
      out += d
    })
    // A write racing the server's close fails with EPIPE or ECONNRESET: the server closed it.
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(ticker)
      clearTimeout(giveUp)
      resolve({ out, closedBy })
    })
  })
}
