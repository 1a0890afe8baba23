import type { Layer } from '@ferry/router'
import { type ForwardedHop, parseForwarded, splitList, stripPort } from './forwarded-parse'
import { type Trust, compileTrust } from './trust'

/** Where a request really came from, as `forwarded()` established it. */
export interface ClientInfo {
  /**
   * The client's address: the socket peer, or what trusted proxies reported; `undefined` when the
   * adapter does not know the peer or the proxy reported `unknown` (RFC 7239 §6.2).
   */
  readonly address: string | undefined
  /** The protocol the client used. */
  readonly protocol: 'http' | 'https'
  /** The host (and port) the client asked for. */
  readonly host: string
}

/** Options of `forwarded()`. */
export interface ForwardedOptions {
  /** The proxies whose reports are believed. Default: `[]`, nothing is trusted. */
  trust?: Trust
  /**
   * The header the proxies write: `Forwarded` (RFC 7239) or the `X-Forwarded-For` / `-Proto` /
   * `-Host` family. Only one is read, because a proxy passes the other through untouched and the
   * client could fill it with anything. Default: `'x-forwarded'`.
   */
  header?: 'forwarded' | 'x-forwarded'
}

const HOST = /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i

/**
 * `forwarded(options)` is a layer that adds `client`, a `ClientInfo`, to the context. The proxy
 * chain is walked from the socket peer outwards: while the current hop is trusted, the address it
 * reports is believed; the first untrusted (or unparseable) address is the client. So a client
 * cannot spoof `X-Forwarded-For`: entries it wrote sit left of the first untrusted hop and are
 * never read. Protocol and host come from the same hop's report when it is well-formed (`http` or
 * `https`, a valid host), otherwise from the request URL. With the default `trust: []` the socket
 * address and the request URL stand.
 */
export function forwarded(options: ForwardedOptions = {}): Layer<{}, { client: ClientInfo }> {
  const trusted = compileTrust(options.trust ?? [])
  const header = options.header ?? 'x-forwarded'
  if (header !== 'forwarded' && header !== 'x-forwarded') {
    throw new TypeError(`forwarded(): header must be 'forwarded' or 'x-forwarded'`)
  }
  return (c, next) => {
    const url = new URL(c.request.url)
    const fallback: ClientInfo = {
      address: c.remoteAddress,
      protocol: url.protocol === 'https:' ? 'https' : 'http',
      host: url.host,
    }
    if (!trusted(c.remoteAddress, 0)) return next({ client: fallback })
    const hops =
      header === 'forwarded' ? forwardedHops(c.request.headers) : xForwardedHops(c.request.headers)
    if (hops === undefined || hops.length === 0) return next({ client: fallback })
    // hops[hops.length - 1] was written by the socket peer; walk leftwards while hops are trusted.
    let chosen = hops.length - 1
    for (let hop = 1; chosen > 0; hop++) {
      if (!trusted(hops[chosen]!.for, hop)) break
      chosen--
    }
    const h = hops[chosen]!
    const proto = h.proto === 'http' || h.proto === 'https' ? h.proto : fallback.protocol
    const host = h.host !== undefined && HOST.test(h.host) ? h.host.toLowerCase() : fallback.host
    // A hop without `for` leaves the address the socket's; `for=unknown` (RFC 7239 §6.2) says the
    // proxy did not know its client, and neither does the app then.
    const address =
      h.for === undefined ? fallback.address : h.for.toLowerCase() === 'unknown' ? undefined : h.for
    return next({ client: { address, protocol: proto, host } })
  }
}

function forwardedHops(headers: Headers): ForwardedHop[] | undefined {
  const value = headers.get('forwarded')
  return value === null ? [] : parseForwarded(value)
}

function xForwardedHops(headers: Headers): ForwardedHop[] {
  const fors = splitList(headers.get('x-forwarded-for')).map(stripPort)
  const protos = splitList(headers.get('x-forwarded-proto')).map((p) => p.toLowerCase())
  const hosts = splitList(headers.get('x-forwarded-host'))
  // No -For: the socket peer reports only the protocol and host it saw, as `Forwarded: proto=`
  // without `for=` would, and the client's address stays unknown beyond it.
  if (fors.length === 0) {
    return protos.length + hosts.length === 0 ? [] : [{ proto: protos.at(-1), host: hosts.at(-1) }]
  }
  // When -Proto / -Host line up with -For, each position describes one hop; otherwise the
  // last value, written by the nearest proxy, is all that can be attributed.
  const at = (list: string[], i: number) =>
    list.length === fors.length
      ? list[i]
      : i === fors.length - 1 || list.length === 1
        ? list[list.length - 1]
        : undefined
  return fors.map((f, i) => ({ for: f, proto: at(protos, i), host: at(hosts, i) }))
}
