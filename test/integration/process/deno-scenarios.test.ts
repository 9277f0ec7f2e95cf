import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { adminAccessToken, apiCaller, apiScenarios, type ClientAddressing, type ServiceUnderTest } from '../../support/api-scenarios.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/redis-server.ts';
import { ADMIN, startService, type ServiceProcess } from './service-process.ts';

const LIMIT = 25;
/** The test connects from 127.0.0.1, a proxy the service trusts (TRUST_PROXY=loopback), and names the client after it. */
const FORWARDED_FOR: ClientAddressing = { name: 'X-Forwarded-For from a trusted proxy', headers: (address) => ({ 'x-forwarded-for': address }) };

/**
 * The scenarios the edge passes under workerd (test/support/api-scenarios.ts), on Deno. The honest
 * equivalent is src/main.ts, the Node-style entry that `npm run start:deno` runs, with the production
 * adapters: PostgreSQL (a database of its own), Redis and NATS JetStream (private servers), so the
 * sign-up's welcome job goes through the outbox, the relay, JetStream and a worker inside the Deno
 * process. The edge bundle is not run under `deno serve`: it is built for workerd, and there it
 * answers 500 (Deno calls the handler with `(request, info)`, not workerd's `(request, env, ctx)`,
 * so no binding reaches the config and there is no `ctx.waitUntil`; its pg is built on
 * `cloudflare:sockets`), so it would test a shim rather than anything deployed. One service serves
 * every scenario: Deno's start is the slow part.
 */
describe('the scenarios on Deno: src/main.ts on PostgreSQL, Redis and NATS', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: PrivateRedis;
  let nats: PrivateNats;
  let deno: ServiceProcess;
  const service = {} as ServiceUnderTest;
  const call = apiCaller(service, FORWARDED_FOR);

  beforeAll(async () => {
    [testDatabase, redis, nats] = await Promise.all([createTestDatabase(), startPrivateRedis(), startPrivateNats()]);
    deno = await startService(
      { DATABASE_URL: testDatabase.url, REDIS_URL: redis.url, NATS_URL: nats.url, TRUST_PROXY: 'loopback', RATE_LIMIT_MAX: String(LIMIT) },
      'deno',
    );
    service.url = deno.url;
    service.database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    service.adminToken = await adminAccessToken(call, { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD });
  }, 180_000);

  afterAll(async () => {
    if (deno && deno.child.exitCode === null) {
      deno.child.kill('SIGTERM');
      await deno.exit;
    }
    await service.database?.close();
    await Promise.all([redis?.stop(), nats?.stop()]);
    await testDatabase?.drop();
  });

  apiScenarios(service, {
    client: FORWARDED_FOR,
    limit: LIMIT,
    ready: { checks: { database: 'up', redis: 'up', nats: 'up' }, what: 'PostgreSQL, Redis and NATS' },
    jobRunner: 'the Deno process',
  });
});
