/**
 * `onShutdownSignal(shutdown)` runs `shutdown` on the first SIGINT or SIGTERM and answers a second
 * one by exiting at once (the usual "press Ctrl-C again to force" contract). It returns a function
 * that removes the listeners. While they are installed Node no longer exits on these signals by
 * itself (https://nodejs.org/api/process.html#signal-events), so the process ends when shutdown
 * leaves nothing else running.
 */
export function onShutdownSignal(shutdown: () => void): () => void {
  let received = false
  const listener = (signal: NodeJS.Signals) => {
    if (received) process.exit(signal === 'SIGINT' ? 130 : 143)
    received = true
    shutdown()
  }
  process.on('SIGINT', listener)
  process.on('SIGTERM', listener)
  return () => {
    // Keep answering a second signal while the graceful shutdown is still running.
    if (received) return
    process.off('SIGINT', listener)
    process.off('SIGTERM', listener)
  }
}
