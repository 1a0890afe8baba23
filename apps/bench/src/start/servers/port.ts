declare const Deno: { args: readonly string[] } | undefined

/**
 * `portArg()` is the port a server entry listens on: its first command-line argument (the runner
 * picks a free one). Throws when it is missing, so a bad spawn fails at once rather than hanging.
 */
export function portArg(): number {
  const arg = typeof Deno !== 'undefined' ? Deno.args[0] : process.argv[2]
  const port = Number(arg)
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new Error(`usage: <server> <port>, got ${JSON.stringify(arg)}`)
  }
  return port
}

/** The address every server entry binds: loopback only. */
export const HOST = '127.0.0.1'
