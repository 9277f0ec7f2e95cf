import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { buildDatabaseApp } from '../../support/database-app.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { startInternal, type Line } from '../../support/internal-process.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { freePort } from '../../support/private-server.ts';
import { until } from '../../support/until.ts';

/**
 * `npm run start:internal` as its own process, with an API that is not its own (here the app over
 * the same database, as the edge entry would be): what that API commits is relayed, consumed and
 * worked by the internal process alone, which serves only /metrics, /livez and /readyz.
 */
describe('the internal process (src/internal.ts)', () => {
  let nats: PrivateNats;
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let child: ChildProcess;
  let exit: Promise<number | null>;
  let lines: Line[] = [];
  let opsUrl = '';
  let apiPort = 0;

  beforeAll(async () => {
    nats = await startPrivateNats();
    testDatabase = await createTestDatabase();
    const opsPort = await freePort();
    apiPort = await freePort();
    opsUrl = `http://127.0.0.1:${opsPort}`;
    ({ child, lines, exit } = await startInternal({ DATABASE_URL: testDatabase.url, NATS_URL: nats.url, PORT: String(apiPort), METRICS_PORT: String(opsPort), JOB_CONCURRENCY: '2' }));
    await until(() => lines.some((line) => line.msg === 'metrics and health listening'), 10_000, 'the ops listener');
    // Migrated by the internal process: the API side only opens the database.
    database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await database?.close();
    await testDatabase?.drop();
    await nats?.stop();
  });

  it('migrated the database, answers /livez, /readyz and /metrics on METRICS_PORT, and serves no API', async () => {
    expect(await (await fetch(`${opsUrl}/livez`)).json()).toEqual({ data: { status: 'ok' } });
    await until(async () => (await fetch(`${opsUrl}/readyz`)).status === 200, 15_000, '/readyz 200');
    expect(((await (await fetch(`${opsUrl}/readyz`)).json()) as { data: { checks: Record<string, string> } }).data.checks).toMatchObject({ database: 'up', nats: 'up' });
    expect(await (await fetch(`${opsUrl}/metrics`)).text()).toContain('# TYPE');
    const api = await fetch(`${opsUrl}/api/users`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    await expect(fetch(`http://127.0.0.1:${apiPort}/livez`)).rejects.toThrow(); // PORT: nobody listens
  });

  it("relays another process's committed sign-up, consumes it and runs the welcome mail job", async () => {
    const { app } = await buildDatabaseApp(database);
    const response = await app.request('/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Edge User', email: `edge-${crypto.randomUUID()}@example.com`, password: 'a long enough password' }),
    });
    expect(response.status).toBe(201);
    // user.created: outbox -> EVENTS -> the welcome consumer -> a job (outbox -> JOBS) -> a worker -> the log mailer.
    const welcome = async () => (await database.orm.em.fork().execute<{ id: string; status: string }[]>(`select "id", "status" from "jobs" where "type" = 'email.welcome'`))[0];
    await until(async () => (await welcome())?.status === 'succeeded', 30_000, 'the welcome job done');
    const job = await welcome();
    expect(lines.filter((line) => line.msg === 'mail sent (log mailer)').map((line) => line.idempotencyKey)).toEqual([job?.id]);
  });

  it('stops on SIGTERM with exit code 0, after a shutdown line', async () => {
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(lines.map((line) => line.msg)).toContain('shutdown complete');
  });
});
