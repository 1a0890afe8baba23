# The demo on workerd: `pnpm --filter demo start:workerd` (after `pnpm build`).
# Listens on every interface, port 8787; override with `--socket-addr http=127.0.0.1:9000`.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "demo", worker = .demo)],
  sockets = [(name = "http", address = "*:8787", http = (), service = "demo")],
);

const demo :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "dist/worker.bundle.js")],
  compatibilityDate = "2026-11-01",
  # request.signal aborts when the client goes away (see @ferry/cloudflare's README).
  compatibilityFlags = ["enable_request_signal"],
);
