/**
 * The workerd configuration (Cap'n Proto text) that serves dist/edge/edge.js on a port, with the
 * environment as text bindings: what `npm run start:edge` and the edge tests run. Outbound sockets
 * may reach private and loopback addresses (PostgreSQL or its pooler on this machine). Node.js
 * compatibility is on by default from this compatibility date on (no nodejs_compat flag needed).
 */
export const COMPATIBILITY_DATE = '2026-11-01';

export function workerdConfig(options: { port: number; host?: string; bindings: Record<string, string> }): string {
  const bindings = Object.entries(options.bindings)
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(',\n      ');
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .edge),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "${options.host ?? '127.0.0.1'}:${options.port}", http = (), service = "main")],
);

const edge :Workerd.Worker = (
  modules = [(name = "edge.js", esModule = embed "edge.js")],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  globalOutbound = "internet",
  bindings = [
      ${bindings}
  ],
);
`;
}
