import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode } from '../../../scripts/build.ts';
import { FIND_USER_BY_ID } from '../../../src/adapters/persistence/mikro-orm/user-statements.ts';
import { callerTrace } from '../../support/caller-trace.ts';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../support/otlp-receiver.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/redis-server.ts';
import { until } from '../../support/until.ts';
import { signIn, startService, type Runtime, type ServiceProcess } from './service-process.ts';

// Inside the checkout, so the bundle's package imports resolve from node_modules as dist/'s do.
const BUNDLE = fileURLToPath(new URL(`../../../node_modules/.cache/statement-spans-bundle-${process.pid}`, import.meta.url));
const CLIENT = 3;
const ERROR = 2;

beforeAll(() => buildNode(BUNDLE), 120_000);
afterAll(() => rm(BUNDLE, { recursive: true, force: true }));

/** Whether `span`'s chain of parents, within the received spans, reaches `ancestor`. */
function descendsFrom(spans: ReceivedSpan[], span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
  for (let parent = spans.find((s) => s.spanId === span.parentSpanId); parent; parent = spans.find((s) => s.spanId === parent!.parentSpanId)) {
    if (parent.spanId === ancestor.spanId) return true;
  }
  return false;
}

async function registered(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Spanned Person', email: 'spanned@example.com', password: 'long enough password' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

const runtimes: [string, () => Runtime][] = [
  ['the sources (src/main.ts)', () => 'node'],
  ['the bundle (npm run build)', () => ({ bundle: `${BUNDLE}/main.js` })],
];

describe.each(runtimes)('tracing on, PostgreSQL and Redis, run from %s: a span per SQL statement and Redis command', (_name, runtime) => {
  let receiver: OtlpReceiver;
  let redis: PrivateRedis;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;

  beforeAll(async () => {
    [receiver, redis, database] = await Promise.all([startOtlpReceiver(), startPrivateRedis(), createTestDatabase()]);
    service = await startService(
      { DATABASE_URL: database.url, REDIS_URL: redis.url, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' },
      runtime(),
    );
  }, 120_000);
  afterAll(async () => {
    if (service) {
      service.child.kill('SIGTERM');
      await service.exit;
    }
    await Promise.all([receiver?.close(), redis?.stop(), database?.drop()]);
  });

  it('shows under a GET of a user its SELECT, parameterised, and its cache lookup on Redis', async () => {
    const authorization = await signIn(service.url);
    // A user nobody has read yet: not in the cache, so the GET reads it from PostgreSQL.
    const userId = await registered(service.url);
    const caller = callerTrace();
    const response = await fetch(`${service.url}/api/users/${userId}`, { headers: { authorization, traceparent: caller.traceparent } });
    expect(response.status).toBe(200);

    const inTrace = () => receiver.spans.filter((span) => span.traceId === caller.traceId);
    const select = () => inTrace().find((span) => span.attributes['db.query.text'] === FIND_USER_BY_ID);
    const server = () => inTrace().find((span) => span.name === 'GET /api/users/:id');
    // The server span ends last, so it may come in a later export than its children.
    await until(() => select() !== undefined && server() !== undefined && inTrace().some((span) => span.attributes['db.system.name'] === 'redis'), 10_000, 'the request, SELECT and Redis spans');
    const spans = inTrace();
    const request = server() as ReceivedSpan;
    const statement = select() as ReceivedSpan;
    expect(statement).toMatchObject({ kind: CLIENT, name: `SELECT ${new URL(database.url).pathname.slice(1)}` });
    expect(statement.attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.operation.name': 'SELECT',
      'db.namespace': new URL(database.url).pathname.slice(1),
      'server.address': '127.0.0.1',
      'server.port': 5432,
    });
    expect(String(statement.attributes['db.query.text'])).not.toContain(userId);
    expect(statement.statusCode).not.toBe(ERROR);
    // Under the request: its parent is the read's span ('db read'), whose parent is the server span.
    expect(descendsFrom(spans, statement, request)).toBe(true);

    const commands = spans.filter((span) => span.attributes['db.system.name'] === 'redis');
    expect(commands.every((span) => span.kind === CLIENT && descendsFrom(spans, span, request))).toBe(true);
    // The cache's lookup is a script (EVALSHA); only the command's name is recorded, no key or value.
    expect(commands.map((span) => span.name)).toContain('EVALSHA');
    expect(commands[0]!.attributes).toMatchObject({ 'db.namespace': '0', 'server.address': '127.0.0.1', 'server.port': Number(new URL(redis.url).port) });
    expect(JSON.stringify(commands)).not.toContain(userId);
  });

  it('makes no span for a statement or command outside any span (the migrations at start, the connection handshake)', async () => {
    const statements = () => receiver.spans.filter((span) => span.attributes['db.system.name'] !== undefined && !span.name.startsWith('db '));
    const orphans = () => statements().filter((span) => !receiver.spans.some((parent) => parent.spanId === span.parentSpanId));
    expect(statements().length).toBeGreaterThan(0);
    // A parent ends after its children, so it may come in a later export.
    await until(() => orphans().length === 0, 5_000, 'no statement span without its parent');
  });
});
