import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { bootService, type BootedService } from '../../support/booted-service.ts';
import { startWorker } from '../../support/job-fixtures.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';

type JobBody = { data: { id: string; type: string; status: string } };

async function exportAs(service: BootedService, token: string, filters: Record<string, string>): Promise<string> {
  const res = await service.call('POST', '/api/users/exports', { token, json: filters });
  expect(res.status).toBe(202);
  return ((await res.json()) as JobBody).data.id;
}

async function statusOf(service: BootedService, token: string, id: string): Promise<string> {
  const res = await service.call('GET', `/api/jobs/${id}`, { token });
  return ((await res.json()) as JobBody).data.status;
}

async function register(service: BootedService, email: string): Promise<void> {
  const res = await service.call('POST', '/api/auth/register', { json: { name: 'New Person', email, password: 'long enough password' } });
  expect(res.status).toBe(201);
}

/** The real composition root, so the consumer, the scheduler, the queue and the workers are wired as in production. */
describe('jobs in the service (embedded default: PGlite and the in-process queue)', () => {
  let service: BootedService;
  beforeAll(async () => {
    service = await bootService({ DATA_DIR: 'memory' });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('welcomes a new user by mail, through user.created, a job its owner can read', async () => {
    await register(service, 'welcome@example.com');
    // The log mailer masks the address, in its text too. Outside production (NODE_ENV=test here) it
    // is the inbox and logs the text; in production never (test/unit/adapters/mail/).
    const isWelcome = (line: { msg: string; to?: unknown }) => line.msg === 'mail sent (log mailer)' && line.to === 'w***@example.com';
    await until(() => service.logs.some(isWelcome));
    expect(JSON.stringify(service.logs)).not.toContain('welcome@example.com');
    const mail = service.logs.find(isWelcome)!;
    expect(typeof mail.text).toBe('string');
    const login = await service.call('POST', '/api/auth/login', { json: { email: 'welcome@example.com', password: 'long enough password' } });
    const token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    const job = await service.call('GET', `/api/jobs/${String(mail.idempotencyKey)}`, { token });
    expect(((await job.json()) as JobBody).data).toMatchObject({ type: 'email.welcome', status: 'succeeded' });
  });

  it('exports the filtered users as CSV and counts the outcome in /metrics', async () => {
    const token = await service.adminToken();
    const id = await exportAs(service, token, { role: 'member' });
    await until(async () => (await statusOf(service, token, id)) === 'succeeded');
    const csv = await (await service.call('GET', `/api/jobs/${id}/result`, { token })).text();
    expect(csv).toContain('welcome@example.com');
    expect(csv).not.toContain('root@example.com'); // the admin is not a member
    const metrics = await (await service.call('GET', '/metrics')).text();
    expect(metrics).toMatch(/jobs_total\{type="users.export",outcome="succeeded"\} 1/);
  });
});

describe('jobs across a restart of the embedded service', () => {
  it('runs at the next start a job queued in process before a stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-restart-'));
    try {
      const first = await bootService({ DATA_DIR: dir, JOB_CONCURRENCY: '0' }); // no workers: the job stays queued
      const id = await exportAs(first, await first.adminToken(), {});
      await first.close();
      const second = await bootService({ DATA_DIR: dir, JOB_CONCURRENCY: '2' });
      try {
        const token = await second.adminToken();
        await until(async () => (await statusOf(second, token, id)) === 'succeeded');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('jobs on NATS JetStream and PostgreSQL, run by a worker process (npm run worker)', () => {
  let nats: PrivateNats;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: BootedService;
  beforeAll(async () => {
    nats = await startPrivateNats();
    database = await createTestDatabase();
    service = await bootService({ DATABASE_URL: database.url, NATS_URL: nats.url, JOB_CONCURRENCY: '0' });
  });
  afterAll(async () => {
    await service?.close();
    await database?.drop();
    await nats?.stop();
  });

  it('the service queues, the worker runs: an export and a welcome mail', async () => {
    const worker = await startWorker({ DATABASE_URL: database.url, NATS_URL: nats.url, JOB_CONCURRENCY: '4' });
    try {
      const token = await service.adminToken();
      const id = await exportAs(service, token, {});
      await until(async () => (await statusOf(service, token, id)) === 'succeeded', 20_000);
      expect(await (await service.call('GET', `/api/jobs/${id}/result`, { token })).text()).toContain('root@example.com');
      await register(service, 'scaled@example.com');
      // The admin ensured at start is a new user too: its mail and this one, each once.
      await until(() => worker.lines.some((line) => line.includes('"to":"s***@example.com"')), 20_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(worker.mails).toHaveLength(2);
    } finally {
      worker.child.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
    }
  }, 60_000);
});
