import { readFileSync } from 'node:fs'

/** Field `i` (1-based, as in proc(5)) of /proc/<pid>/stat, or undefined (off Linux, or gone). */
export function statField(pid: number | string, i: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name `(...)`, which may hold spaces, start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[i - 3]
  } catch {
    return undefined
  }
}

/**
 * `processCpuMs(pid)` is the CPU time process `pid` has used so far (user + system, all its
 * threads), in ms, from fields 14 and 15 of /proc/<pid>/stat (clock ticks, 100 per second on
 * Linux), or NaN off Linux. Unlike wall time it hardly depends on what else the shared machine
 * runs, and on two cores it tells whether a server or its load generator was the bottleneck.
 */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  const utime = statField(pid, 14)
  const stime = statField(pid, 15)
  return utime === undefined || stime === undefined
    ? Number.NaN
    : (Number(utime) + Number(stime)) * 10
}
