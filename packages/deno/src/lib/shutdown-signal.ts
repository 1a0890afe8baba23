import type { DenoGlobal } from './deno-shim.js'

/**
 * `onShutdownSignal(Deno, shutdown)` runs `shutdown` on the first SIGINT or SIGTERM and exits at
 * once on a second one ("press Ctrl-C again to force"). It returns a function that removes the
 * listeners, unless a signal already arrived (so a second one still forces the exit). While a
 * listener is installed Deno no longer exits on the signal by itself
 * (https://docs.deno.com/api/deno/~/Deno.addSignalListener).
 */
export function onShutdownSignal(deno: DenoGlobal, shutdown: () => void): () => void {
  let received = false
  const on = (code: number) => () => {
    if (received) deno.exit(code)
    received = true
    shutdown()
  }
  const onInt = on(130)
  const onTerm = on(143)
  deno.addSignalListener('SIGINT', onInt)
  deno.addSignalListener('SIGTERM', onTerm)
  return () => {
    if (received) return
    deno.removeSignalListener('SIGINT', onInt)
    deno.removeSignalListener('SIGTERM', onTerm)
  }
}
