/**
 * The edge part of `npm run bench` (`--only edge`, not in the default run: it needs Debian's
 * PgBouncer): the edge bundle under `workerd serve` and the Node service (the bundle `npm start`
 * runs), both reaching PostgreSQL through the same PgBouncer (transaction mode), driven with the
 * same requests in alternating rounds, every round printed. Node keeps its in-process cache and its
 * pooled connections; the edge opens its connections per request and has no cache (see
 * docs/edge.md): the figures say what that costs. `/readyz` is one `select 1` on each.
 */
import { startEdge } from '../test/support/edge-server.ts';
import { startPgBouncer } from '../test/support/pgbouncer.ts';
import { runLoad, type Tool } from './load.ts';
import { startProcess } from './processes.ts';

export type EdgeBenchOptions = {
  databaseUrl: string;
  /** The service's environment (keys, secrets, limits), shared by both. */
  env: Record<string, string>;
  authorization: string;
  ids: readonly string[];
  tool: Tool;
  rounds: number;
  duration: number;
  connections: number;
  threads: number;
};

export async function edgeScenarios(options: EdgeBenchOptions): Promise<string[]> {
  const bouncer = await startPgBouncer();
  const pooled = new URL(options.databaseUrl);
  pooled.port = String(bouncer.port);
  // Request lines off on both: workerd's are kept in memory by the harness.
  const env = { ...options.env, DATABASE_URL: pooled.toString(), LOG_LEVEL: 'warn' };
  const stops: (() => Promise<void>)[] = [() => bouncer.stop()];
  try {
    await (await startEdge(env)).stop(); // builds the bundle, which the cold start below leaves out
    const started = performance.now();
    const edge = await startEdge(env);
    const edgeColdMs = performance.now() - started;
    stops.unshift(() => edge.stop());
    const node = await startProcess('service (pooled)', ['--max-semi-space-size=8', 'dist/main.js'], { ...env, PORT: '3103', HOST: '127.0.0.1' }, 'http://127.0.0.1:3103/readyz');
    stops.unshift(() => node.stop());
    const targets = { edge: edge.url, node: 'http://127.0.0.1:3103' };
    const rows = [`| edge cold start (workerd spawned to the first /livez 200, composing included) | ${edgeColdMs.toFixed(0)} ms | | | |`];
    for (const path of ['/api/users/{id}', '/readyz']) {
      const load = (url: string, duration: number) =>
        runLoad(options.tool, { url, connections: options.connections, duration, threads: Math.min(options.threads, options.connections), ids: options.ids, template: { method: 'GET', path, headers: { authorization: options.authorization } } });
      await load(targets.edge, 2); // warm-up: JIT, Node's cache
      await load(targets.node, 2);
      for (let r = 1; r <= options.rounds; r++) {
        const atEdge = await load(targets.edge, options.duration);
        const onNode = await load(targets.node, options.duration);
        rows.push(
          `| GET ${path.replace('{id}', ':id')}, round ${r} | edge ${atEdge.rps.toFixed(0)} req/s, p50 ${atEdge.p50} / p99 ${atEdge.p99} ms` +
            `${atEdge.errors ? `, ${atEdge.errors} errors` : ''} | Node ${onNode.rps.toFixed(0)} req/s, p50 ${onNode.p50} / p99 ${onNode.p99} ms | **${(atEdge.rps / onNode.rps).toFixed(2)}x** | |`,
        );
      }
    }
    return rows;
  } finally {
    for (const stop of stops) await stop();
  }
}
