/** One row of a result table: a name, the measured value and extra columns. */
export interface Row {
  readonly name: string
  /** The value ranked by the table (ns/op, or req/s); `undefined` when the row was not timed. */
  readonly value: number | undefined
  readonly cells?: readonly string[]
  /** Why the row has no value (a wrong answer, an unsupported route set, a crash). */
  readonly note?: string
  /** Rows of Ferry itself are left out of "best peer". */
  readonly ours?: boolean
}

/**
 * `table(rows, opts)` is a Markdown table of `rows` with a ratio column against the best peer
 * (the fastest row not marked `ours`): for times, `peer / row` (above 1 means faster than the best
 * peer); for rates, `row / peer`.
 */
export function table(
  rows: readonly Row[],
  opts: { unit: string; lowerIsBetter: boolean; extra?: readonly string[] },
): string {
  const peers = rows.filter((r) => !r.ours && r.value !== undefined).map((r) => r.value!)
  const best =
    peers.length === 0 ? undefined : opts.lowerIsBetter ? Math.min(...peers) : Math.max(...peers)
  const head = ['name', opts.unit, 'vs best peer', ...(opts.extra ?? [])]
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`]
  for (const r of rows) {
    let ratio = ''
    if (r.value !== undefined && best !== undefined) {
      const x = opts.lowerIsBetter ? best / r.value : r.value / best
      ratio = `${x.toFixed(2)}x`
    }
    const value = r.value === undefined ? (r.note ?? 'n/a') : format(r.value)
    const name = r.ours ? `**${r.name}**` : r.name
    lines.push(`| ${[name, value, ratio, ...(r.cells ?? [])].join(' | ')} |`)
  }
  return lines.join('\n')
}

function format(v: number): string {
  if (v >= 100) return Math.round(v).toLocaleString('en-US')
  if (v >= 10) return v.toFixed(1)
  return v.toFixed(2)
}
