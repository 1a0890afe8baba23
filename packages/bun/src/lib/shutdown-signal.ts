import type { BunProcess } from './bun-shim.js'

/**
 * `onShutdownSignal(process, shutdown)` runs `shutdown` on the first SIGINT or SIGTERM and exits at
 * once on a second one ("press Ctrl-C again to force"). It returns a function that removes the
 * listeners, unless a signal already arrived (so a second one still forces the exit).
 */
export function onShutdownSignal(process: BunProcess, shutdown: () => void): () => void {
  let received = false
  const listener = (signal: string) => {
    if (received) process.exit(signal === 'SIGINT' ? 130 : 143)
    received = true
    shutdown()
  }
  process.on('SIGINT', listener)
  process.on('SIGTERM', listener)
  return () => {
    if (received) return
    process.off('SIGINT', listener)
    process.off('SIGTERM', listener)
  }
}
