/**
 * Time budget per measured function, in ms. `BENCH_TIME` overrides it (a quick look can use 100).
 */
const BUDGET_MS = Number(process.env.BENCH_TIME ?? 700)
const ROUNDS = 31
// The share of rounds at or below the reported time: low enough that rounds disturbed by other
// processes (cache and memory-bandwidth contention, which CPU time still counts) drop out, high
// enough that the garbage collection a function causes stays in its time.
const QUANTILE = 0.25

/** A function to time, sync or async (an async one is awaited call after call). */
export type Timed = () => unknown

/**
 * CPU milliseconds this process has used (user + system, every thread: GC helpers count). Node,
 * Bun and Deno all offer `process.cpuUsage`; unlike wall time, it does not count the time the
 * shared machine gives to other processes.
 */
export function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/**
 * `compare(fns)` is the CPU time of one call of each function in nanoseconds. The functions are
 * timed in interleaved rounds (every function once per round, in a rotating order) after a
 * warm-up, and each gets the lower quartile of its rounds: load from other processes falls on all
 * of them alike, and the rounds it spoils drop out.
 */
export async function compare(
  fns: ReadonlyMap<string, Timed>,
  async = false,
): Promise<Map<string, number>> {
  const names = [...fns.keys()]
  const batch = new Map<string, number>()
  for (const name of names) batch.set(name, await calibrate(fns.get(name)!, async))
  const samples = new Map<string, number[]>(names.map((n) => [n, []]))
  const slice = BUDGET_MS / ROUNDS
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length]!
      const fn = fns.get(name)!
      const b = batch.get(name)!
      let n = 0
      const c0 = cpuMs()
      const t0 = performance.now()
      while (performance.now() - t0 < slice) {
        if (async) for (let i = 0; i < b; i++) await fn()
        else for (let i = 0; i < b; i++) fn()
        n += b
      }
      samples.get(name)!.push(((cpuMs() - c0) * 1e6) / n)
    }
  }
  const out = new Map<string, number>()
  for (const [name, s] of samples) {
    s.sort((a, b) => a - b)
    out.set(name, s[Math.floor((s.length - 1) * QUANTILE)]!)
  }
  return out
}

/** Warms `fn` up and returns a batch size that takes about half a millisecond. */
async function calibrate(fn: Timed, async: boolean): Promise<number> {
  let b = 1
  const end = performance.now() + Math.min(300, BUDGET_MS / 2)
  let per = 0
  while (performance.now() < end) {
    const t0 = performance.now()
    if (async) for (let i = 0; i < b; i++) await fn()
    else for (let i = 0; i < b; i++) fn()
    const dt = performance.now() - t0
    per = dt / b
    if (dt < 0.5) b *= 2
  }
  return Math.max(1, Math.round(0.5 / Math.max(per, 1e-6)))
}

let sink: unknown
/** Keeps `v` alive so the optimiser cannot drop the computation that made it. */
export function keep(v: unknown): void {
  sink = v
}
/** The last kept value (read so `sink` is not dead code). */
export function kept(): unknown {
  return sink
}
