import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { adminAccessToken, apiCaller, apiScenarios, type ClientAddressing, type ServiceUnderTest } from '../../support/api-scenarios.ts';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { startInternal, type InternalProcess } from '../../support/internal-process.ts';
import { startPgBouncer, type PgBouncer } from '../../support/pgbouncer.ts';
import { createTestDatabase } from '../../support/postgres.ts';

const ADMIN = { email: 'root@example.com', password: 'correct-horse-battery' };
const LIMIT = 25;
const CF_CONNECTING_IP: ClientAddressing = { name: 'CF-Connecting-IP', headers: (address) => ({ 'cf-connecting-ip': address }) };

/**
 * The API under the real runtime: dist/edge/edge.js in `workerd serve`, its PostgreSQL connections
 * through PgBouncer (transaction mode) on a private port, and the internal Node process beside it
 * (migrations, the admin, the outbox relay, consumers and jobs). The shared scenarios
 * (test/support/api-scenarios.ts, also run on Deno) speak for their clients with CF-Connecting-IP,
 * trusted here; the two tests below them are the edge's own.
 */
describe('the edge entry under workerd, with the internal process on Node', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let bouncer: PgBouncer;
  let internal: InternalProcess;
  let edge: EdgeServer;
  const service = {} as ServiceUnderTest;
  const call = apiCaller(service, CF_CONNECTING_IP);

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    bouncer = await startPgBouncer();
    internal = await startInternal({ DATABASE_URL: testDatabase.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, JOB_CONCURRENCY: '2' });
    const pooled = new URL(testDatabase.url);
    pooled.port = String(bouncer.port);
    edge = await startEdge({ DATABASE_URL: pooled.toString(), TRUST_CF_CONNECTING_IP: 'true', RATE_LIMIT_MAX: String(LIMIT), LOG_LEVEL: 'warn' });
    service.url = edge.url;
    service.database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    service.adminToken = await adminAccessToken(call, ADMIN);
  }, 120_000);

  afterAll(async () => {
    await edge?.stop();
    if (internal && internal.child.exitCode === null) {
      internal.child.kill('SIGTERM');
      await internal.exit;
    }
    await service.database?.close();
    await bouncer?.stop();
    await testDatabase?.drop();
  });

  apiScenarios(service, {
    client: CF_CONNECTING_IP,
    limit: LIMIT,
    ready: { checks: { database: 'up' }, what: 'the database through the pooler' },
    jobRunner: 'the internal process',
  });

  it('without TRUST_CF_CONNECTING_IP the header is not believed: every client shares one budget', async () => {
    const pooled = new URL(testDatabase.url);
    pooled.port = String(bouncer.port);
    const untrusting = await startEdge({ DATABASE_URL: pooled.toString(), RATE_LIMIT_MAX: '3', LOG_LEVEL: 'warn' });
    try {
      const statuses: number[] = [];
      for (const address of ['198.51.100.20', '198.51.100.21', '198.51.100.22', '198.51.100.23']) {
        statuses.push((await fetch(`${untrusting.url}/api/posts`, { headers: { 'cf-connecting-ip': address } })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await untrusting.stop();
    }
  });

  it('50 requests at once each get their own connections: all answered, none wedged', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call('GET', '/readyz', { address: `192.0.2.${i + 1}` })));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 50 }, () => 200));
  });
});
