import { tracingChannel } from 'node:diagnostics_channel';
import { PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config.ts';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { TracedPostgreSqlDriver } from '../../../src/adapters/persistence/mikro-orm/traced-postgresql-driver.ts';
import { connectRedis } from '../../../src/adapters/redis/redis-connection.ts';
import { inSpan, installTracing, noTracing, traceLogFields } from '../../../src/adapters/telemetry/tracing.ts';
import { openMigratedDatabase } from '../../../src/composition/database.ts';
import { createLogger } from '../../../src/adapters/logging/logger.ts';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../support/otlp-receiver.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { REDIS_URL } from '../../support/shared-redis.ts';
import { until } from '../../support/until.ts';

const ERROR = 2;
const redisCommands = tracingChannel('ioredis:command');

let postgres: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  postgres = await createTestDatabase();
});
afterAll(() => postgres?.drop());

/** The service's own database step, as the composition root calls it. */
const openForService = () => openMigratedDatabase({ DATABASE_URL: postgres.url, DATA_DIR: 'memory' } as Config);

describe('tracing off: nothing wrapped, nothing subscribed', () => {
  it("opens the database on MikroORM's own PostgreSQL driver and connection", async () => {
    const database = await openForService();
    try {
      expect(Object.getPrototypeOf(database.orm.driver)).toBe(PostgreSqlDriver.prototype);
      expect(Object.getPrototypeOf(database.orm.em.getConnection())).toBe(PostgreSqlConnection.prototype);
    } finally {
      await database.close();
    }
  });

  it('leaves the ioredis command channel without a subscriber, so ioredis skips it', async () => {
    const redis = await connectRedis(REDIS_URL, createLogger('silent'));
    try {
      expect(await redis.ping()).toBe(true);
      expect(redisCommands.hasSubscribers).toBe(false);
    } finally {
      await redis.close();
    }
  });
});

describe('tracing on: statement spans, exported by the SDK to a real OTLP/HTTP receiver', () => {
  let receiver: OtlpReceiver;
  let shutdown: (timeoutMs: number) => Promise<void>;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    const { startOtelTracing } = await import('../../../src/adapters/telemetry/otel-tracing.ts');
    const otel = startOtelTracing({ defaultServiceName: 'statement-spans-test', exportDelayMs: 50 });
    installTracing(otel.tracing);
    shutdown = otel.shutdown;
  });
  afterAll(async () => {
    installTracing(noTracing);
    await shutdown?.(2_000);
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    await receiver?.close();
  });

  /** Runs `work` in a span of its own (as a request would) and returns the spans under it, once exported. */
  async function under(name: string, work: () => Promise<unknown>, count: number): Promise<ReceivedSpan[]> {
    let traceId = '';
    await inSpan(name, { kind: 'internal' }, async () => {
      traceId = traceLogFields()!.traceId;
      await work().catch(() => undefined);
    });
    const spans = () => receiver.spans.filter((span) => span.traceId === traceId && span.name !== name);
    await until(() => spans().length >= count, 10_000, `${count} spans under ${name}`);
    return spans();
  }

  it('wraps the connection, and subscribes to the ioredis channel, only now', async () => {
    const database = await openForService();
    try {
      expect(database.orm.driver).toBeInstanceOf(TracedPostgreSqlDriver);
      expect(redisCommands.hasSubscribers).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('marks a failing statement as an error, with its SQLSTATE, the statement parameterised and no exception message', async () => {
    const database = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory' }, { statementSpans: true });
    try {
      const em = database.orm.em.fork();
      const [span] = await under('a failing read', () => em.execute('select * from "no_such_table" where "secret" = ?', ['a parameter value']), 1);
      expect(span).toMatchObject({ name: `SELECT ${new URL(postgres.url).pathname.slice(1)}`, kind: 3, statusCode: ERROR });
      expect(span!.attributes).toMatchObject({
        'db.system.name': 'postgresql',
        'db.query.text': 'select * from "no_such_table" where "secret" = ?',
        'db.response.status_code': '42P01',
        'error.type': '42P01',
      });
      expect(JSON.stringify(span)).not.toContain('a parameter value');
      expect(JSON.stringify(span)).not.toContain('does not exist'); // PostgreSQL's message, left out
    } finally {
      await database.close();
    }
  });

  it('gives the embedded PGlite the same spans, its transactions included, with no server to name', async () => {
    const database = await openDatabase({ dataDir: 'memory' }, { statementSpans: true });
    try {
      const em = database.orm.em.fork();
      const spans = await under('a PGlite transaction', () => em.transactional((tx) => tx.execute('select ? as "n"', [41])), 3);
      expect(spans.map((span) => span.attributes['db.query.text']).sort()).toEqual(['begin', 'commit', 'select ? as "n"']);
      expect(spans.every((span) => span.attributes['db.system.name'] === 'postgresql' && span.attributes['server.address'] === undefined)).toBe(true);
      expect(spans.find((span) => span.name === 'SELECT')?.attributes['db.operation.name']).toBe('SELECT');
    } finally {
      await database.close();
    }
  });

  it('makes a span for each Redis command sent within a span, naming the command only', async () => {
    const redis = await connectRedis(REDIS_URL, createLogger('silent'));
    try {
      const key = `statement-spans-test:${crypto.randomUUID()}`;
      const [span] = await under('a Redis read', () => redis.client.get(key), 1);
      expect(span).toMatchObject({ name: 'GET', kind: 3, statusCode: 0 });
      expect(span!.attributes).toMatchObject({ 'db.system.name': 'redis', 'db.operation.name': 'GET', 'db.namespace': '0' });
      expect(JSON.stringify(span)).not.toContain(key);
    } finally {
      await redis.close();
    }
  });
});
