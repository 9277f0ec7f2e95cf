import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import array from 'postgres-array';
import { createPostgreSqlTypeParsers } from '@mikro-orm/sql';

/** The connections one request opened: reused within it, all ended when it ends. */
type RequestConnections = { idle: pg.Client[]; all: pg.Client[]; ended: boolean };

/**
 * A pg "pool" (the shape Kysely's PostgresDialect asks for) whose connections belong to one request:
 * on workerd a socket opened while serving one request cannot be used by another (a shared pool
 * wedges), so each request opens its own, reuses them for its own queries, and ends them all when
 * it is done (`run`, whose end the entry hands to `ctx.waitUntil`). A pooler in front of
 * PostgreSQL (PgBouncer in transaction mode, Hyperdrive) makes those short connections cheap.
 */
export class RequestScopedPool {
  readonly #scope = new AsyncLocalStorage<RequestConnections>();
  readonly #options: pg.ClientConfig;
  /** What Kysely reads off a pool (for query cancellation): the clients' options. */
  readonly options: object;

  constructor(connectionString: string) {
    const types = new pg.TypeOverrides();
    // MikroORM's own parsers (dates kept as text, arrays): what its PostgreSQL driver sets on its pool.
    for (const [oid, parser] of Object.entries(createPostgreSqlTypeParsers((value) => array.parse(value)))) types.setTypeParser(Number(oid), parser);
    this.#options = { connectionString, types, connectionTimeoutMillis: 1_500 };
    this.options = this.#options;
  }

  /** Runs `work` with connections of its own; `ended` resolves once they are all closed. */
  run<T>(work: () => Promise<T>): { result: Promise<T>; ended: Promise<void> } {
    const connections: RequestConnections = { idle: [], all: [], ended: false };
    const result = this.#scope.run(connections, work);
    const ended = result.then(
      () => this.#end(connections),
      () => this.#end(connections),
    );
    return { result, ended };
  }

  async connect(): Promise<pg.Client & { release(): void }> {
    const connections = this.#scope.getStore();
    if (!connections) throw new Error('a query outside any request scope (RequestScopedPool.run)');
    const client = connections.idle.pop() ?? (await this.#open(connections));
    return Object.assign(client, {
      release: () => {
        if (connections.ended) void client.end().catch(() => undefined);
        else connections.idle.push(client);
      },
    });
  }

  /** Nothing is shared between requests: nothing to end here. */
  async end(): Promise<void> {}

  async #open(connections: RequestConnections): Promise<pg.Client> {
    const client = new pg.Client(this.#options);
    client.on('error', () => undefined); // a dropped connection fails its query; it must not crash the isolate
    await client.connect();
    connections.all.push(client);
    return client;
  }

  async #end(connections: RequestConnections): Promise<void> {
    connections.ended = true;
    await Promise.all(connections.all.map((client) => client.end().catch(() => undefined)));
  }
}
