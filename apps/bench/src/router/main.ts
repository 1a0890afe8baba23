import { header } from '../lib/env.js'
import { compare, keep } from '../lib/measure.js'
import { type Row, table } from '../lib/table.js'
import { githubSet } from './github.js'
import { type Built, type Peer, peers as allPeers } from './peers.js'
import { honoSet, type Probe, type RouteSet } from './routes.js'

const ORIGIN = 'http://localhost'

// `BENCH_PEERS=memoirist,rou3` times Ferry and the peers whose names contain one of the words
// (a quicker look while working on the matcher); unset, every peer.
const only = process.env.BENCH_PEERS?.split(',').filter(Boolean)
const peers = only
  ? allPeers.filter((p) => p.ours || only.some((w) => p.name.includes(w)))
  : allPeers

/** The first probe a router answers wrongly, described, or `undefined` when all are right. */
function check(peer: Peer, built: Built, probes: readonly Probe[]): string | undefined {
  for (const p of probes) {
    const got = built.answer(p.method, peer.wantsUrl ? ORIGIN + p.path : p.path)
    const want = { route: p.route, params: p.route === null ? {} : p.params }
    if (JSON.stringify(sortKeys(got)) !== JSON.stringify(sortKeys(want))) {
      return `wrong answer for ${p.method} ${p.path}: ${JSON.stringify(got)}`
    }
  }
  return undefined
}

function sortKeys(a: { route: string | null; params: Record<string, string> }) {
  return { route: a.route, params: Object.fromEntries(Object.entries(a.params).sort()) }
}

/**
 * The timed loop of one case: each call looks up every probe once, on a fresh path string sliced
 * from a whole URL as a fetch handler gets it (so no router sees a string whose hash V8 already
 * computed).
 */
function loop(peer: Peer, built: Built, probes: readonly Probe[]): () => void {
  const methods = probes.map((p) => p.method)
  const urls = probes.map((p) => ORIGIN + p.path)
  const n = probes.length
  const cut = ORIGIN.length
  if (peer.wantsUrl) {
    return () => {
      for (let i = 0; i < n; i++) keep(built.find(methods[i]!, urls[i]!.slice(0)))
    }
  }
  return () => {
    for (let i = 0; i < n; i++) keep(built.find(methods[i]!, urls[i]!.slice(cut)))
  }
}

async function runSet(set: RouteSet): Promise<string> {
  const results = new Map<string, Map<string, number>>()
  const notes = new Map<string, string>()
  const allProbes = set.cases.flatMap((c) => c.probes)
  const built = new Map<string, Built>()
  for (const peer of peers) {
    try {
      const b = peer.build(set.routes)
      const wrong = check(peer, b, allProbes)
      if (wrong) notes.set(peer.name, wrong)
      else built.set(peer.name, b)
    } catch (e) {
      notes.set(peer.name, `cannot build this set: ${(e as Error).message}`)
    }
  }
  // One case at a time, its routers interleaved (see `compare`).
  for (const c of set.cases) {
    const fns = new Map<string, () => void>()
    for (const peer of peers) {
      const b = built.get(peer.name)
      if (b) fns.set(peer.name, loop(peer, b, c.probes))
    }
    const times = await compare(fns)
    for (const [name, ns] of times) {
      let m = results.get(name)
      if (!m) {
        m = new Map()
        results.set(name, m)
      }
      m.set(c.name, ns)
      process.stderr.write(`  ${set.name} / ${c.name} / ${name}: ${ns.toFixed(1)} ns\n`)
    }
  }
  const all = set.cases.at(-1)!.name
  const bestOf = (caseName: string, withoutCode = false) => {
    const vals = peers
      .filter((p) => !p.ours && !(withoutCode && p.generatesCode))
      .map((p) => results.get(p.name)?.get(caseName))
      .filter((v): v is number => v !== undefined)
    return Math.min(...vals)
  }
  const others = set.cases.slice(0, -1)
  const rows: Row[] = peers.map((p) => {
    const m = results.get(p.name)
    return {
      name: p.name,
      ours: p.ours,
      value: m?.get(all),
      note: notes.get(p.name),
      cells: others.map((c) => {
        const v = m?.get(c.name)
        return v === undefined ? '' : `${v.toFixed(1)} (${(bestOf(c.name) / v).toFixed(2)}x)`
      }),
    }
  })
  // Workers forbid code generation: say how each of ours fares against the best peer without it.
  const plain = peers.filter((p) => !p.ours && !p.generatesCode && results.get(p.name)?.has(all))
  const bestPlain = plain.sort(
    (a, b) => results.get(a.name)!.get(all)! - results.get(b.name)!.get(all)!,
  )[0]
  const vsPlain = peers
    .filter((p) => p.ours && bestPlain && results.get(p.name)?.has(all))
    .map(
      (p) =>
        `- ${p.name} against the best peer that generates no code (${bestPlain!.name}): ` +
        `${(bestOf(all, true) / results.get(p.name)!.get(all)!).toFixed(2)}x on "${all}"`,
    )
  const notesText = peers
    .filter((p) => p.note || notes.has(p.name))
    .map((p) => `- ${p.name}: ${[p.note, notes.get(p.name)].filter(Boolean).join('; ')}`)
  return [
    `### ${set.name}`,
    '',
    `"${all}" is the ranked column; the other columns are ns/op (ratio to the best peer, above 1x is faster).`,
    '',
    table(rows, { unit: `${all}, ns/op`, lowerIsBetter: true, extra: others.map((c) => c.name) }),
    '',
    ...notesText,
    ...vsPlain,
    '',
  ].join('\n')
}

const out = [
  header('1. Router match', [
    'hono',
    'rou3',
    'memoirist',
    'find-my-way',
    '@remix-run/route-pattern',
  ]),
  'Every router answers every probe correctly (route and captures) before it is timed; a router ' +
    'that does not is listed with its wrong answer and no time.',
  '',
]
for (const set of [honoSet, githubSet]) out.push(await runSet(set))
console.log(out.join('\n'))
