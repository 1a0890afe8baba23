/** Options of `workerdConfig`. */
export interface WorkerdConfigOptions {
  /** Port on 127.0.0.1 to listen on. */
  port: number
  /** The bundled ES module, relative to the config file. */
  script: string
}

/**
 * `workerdConfig(options)` is a workerd Cap'n Proto config serving one module worker on
 * 127.0.0.1 (https://github.com/cloudflare/workerd/blob/main/src/workerd/server/workerd.capnp).
 * `enable_request_signal` makes `request.signal` abort when the client disconnects; the `GREETING`
 * binding is the typed `env` the suite checks, and the socket's `props` the Worker's `ctx.props`.
 */
export function workerdConfig({ port, script }: WorkerdConfigOptions): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .fixture)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (),
    service = (name = "main", props = (json = "{\\"tenant\\":\\"conformance\\"}")))],
);

const fixture :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "${script}")],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["enable_request_signal"],
  bindings = [(name = "GREETING", text = "hello from env")],
);
`
}
