import { kind } from '@ferry/kind'
import { createMatcher } from '@ferry/router/matcher'
import { createMultiMatcher } from '@remix-run/route-pattern/match'
import FindMyWay from 'find-my-way'
import { RegExpRouter } from 'hono/router/reg-exp-router'
import { TrieRouter } from 'hono/router/trie-router'
import { Memoirist } from 'memoirist'
import { addRoute, createRouter, findRoute } from 'rou3'
import { compileRouter } from 'rou3/compiler'
import type { RouteDef } from './routes.js'

/** What a router answered, normalised for the correctness check. */
export interface Answer {
  readonly route: string | null
  readonly params: Record<string, string>
}

/** A router under test, built over a route set. */
export interface Built {
  /** The lookup that is timed: as the router's users call it, result unread. */
  find(method: string, path: string): unknown
  /** The same lookup, normalised. */
  answer(method: string, path: string): Answer
}

/** A peer: how to build it, and what to say about it. */
export interface Peer {
  readonly name: string
  readonly ours?: boolean
  /** Shown in the table's notes column. */
  readonly note?: string
  /** Whether the router generates code (`new Function`), which Workers forbid. */
  readonly generatesCode?: boolean
  /** Whether `find` wants the whole URL rather than the path. */
  readonly wantsUrl?: boolean
  build(routes: readonly RouteDef[]): Built
}

const MISS: Answer = { route: null, params: {} }

// `*name` (Ferry, route-pattern) in each peer's own syntax.
const restTo = (path: string, star: string) => path.replace(/\*(\w+)$/, star)
const restName = (path: string) => /\*(\w+)$/.exec(path)?.[1]

function strings(params: Record<string, unknown>, route: string, starKey: string): Answer {
  const out: Record<string, string> = {}
  const rest = restName(route)
  for (const [k, v] of Object.entries(params)) {
    if (k === starKey && rest) out[rest] = String(v)
    else out[k] = Array.isArray(v) ? v.join('/') : String(v)
  }
  return { route, params: out }
}

const ferry: Peer = {
  name: 'ferry matcher',
  ours: true,
  note: 'createMatcher() of @ferry/router/matcher, matchFirst(): the first match whose kind allows the method, as the router dispatches; captures decoded. On a miss the router also tries the trailing-slash twin (for its 308), not timed here (no peer redirects)',
  build(routes) {
    const m = createMatcher<string>()
    for (const r of routes) m.add(kind(`${r.method} ${r.path}`), r.path)
    return {
      find: (method, path) => m.matchFirst(method, path),
      answer(method, path) {
        const c = m.matchFirst(method, path)
        return c ? strings(c.params, c.route, '') : MISS
      },
    }
  },
}

function honoPeer(name: string, make: () => RegExpRouter<string> | TrieRouter<string>): Peer {
  return {
    name,
    build(routes) {
      const r = make()
      // `:name{.+}` is Hono's named rest capture (a bare `*` captures nothing).
      for (const d of routes) r.add(d.method, restTo(d.path, ':$1{.+}'), d.path)
      return {
        find: (method, path) => r.match(method, path),
        answer(method, path) {
          const res = r.match(method, path) as [[string, Record<string, unknown>][], unknown[]?]
          const first = res[0][0]
          if (!first) return MISS
          const stash = res[1]
          const params: Record<string, unknown> = {}
          for (const [k, v] of Object.entries(first[1])) params[k] = stash ? stash[v as number] : v
          return strings(params, first[0], '')
        },
      }
    },
  }
}

const rou3: Peer = {
  name: 'rou3 findRoute',
  build(routes) {
    const r = createRouter<string>()
    for (const d of routes) addRoute(r, d.method, restTo(d.path, '**:$1'), d.path)
    return {
      find: (method, path) => findRoute(r, method, path),
      answer(method, path) {
        const m = findRoute(r, method, path)
        return m ? strings(m.params ?? {}, m.data, '') : MISS
      },
    }
  },
}

const rou3Compiled: Peer = {
  name: 'rou3 compiled',
  generatesCode: true,
  note: 'compileRouter() generates code with new Function: not allowed on Workers',
  build(routes) {
    const r = createRouter<string>()
    for (const d of routes) addRoute(r, d.method, restTo(d.path, '**:$1'), d.path)
    const find = compileRouter(r)
    return {
      find,
      answer(method, path) {
        const m = find(method, path)
        return m ? strings(m.params ?? {}, m.data, '') : MISS
      },
    }
  },
}

const memoirist: Peer = {
  name: 'memoirist',
  build(routes) {
    const r = new Memoirist<string>()
    for (const d of routes) r.add(d.method, restTo(d.path, '*'), d.path)
    return {
      find: (method, path) => r.find(method, path),
      answer(method, path) {
        const m = r.find(method, path)
        return m ? strings(m.params, m.store, '*') : MISS
      },
    }
  },
}

const findMyWay: Peer = {
  name: 'find-my-way',
  build(routes) {
    const r = FindMyWay()
    for (const d of routes)
      r.on(d.method as 'GET', restTo(d.path, '*'), () => {}, { route: d.path })
    return {
      find: (method, path) => r.find(method as 'GET', path),
      answer(method, path) {
        const m = r.find(method as 'GET', path)
        if (!m) return MISS
        return strings(m.params, (m.store as { route: string }).route, '*')
      },
    }
  },
}

const routePattern: Peer = {
  name: '@remix-run/route-pattern',
  note: 'createMultiMatcher() per method; takes a whole URL, which it parses with URL',
  wantsUrl: true,
  build(routes) {
    const byMethod = new Map<string, ReturnType<typeof createMultiMatcher<string>>>()
    for (const d of routes) {
      let m = byMethod.get(d.method)
      if (!m) {
        m = createMultiMatcher<string>()
        byMethod.set(d.method, m)
      }
      m.add(d.path, d.path)
    }
    const find = (method: string, url: string) => byMethod.get(method)?.match(url) ?? null
    return {
      find,
      answer(method, url) {
        const m = find(method, url)
        return m ? strings(m.params as Record<string, unknown>, m.data, '') : MISS
      },
    }
  },
}

/** Every router of the group, Ferry first. */
export const peers: readonly Peer[] = [
  ferry,
  honoPeer('hono RegExpRouter', () => new RegExpRouter<string>()),
  honoPeer('hono TrieRouter', () => new TrieRouter<string>()),
  rou3,
  rou3Compiled,
  memoirist,
  findMyWay,
  routePattern,
]
