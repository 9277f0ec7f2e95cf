import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/postgres.ts';
import { freePort } from '../../support/private-server.ts';
import { signIn, startService } from './service-process.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('NATS_URL naming a server that never answers', () => {
  it('starts, serves (events wait in the outbox), reports nats degraded, and exits 0 promptly on SIGTERM', async () => {
    const nowhere = `nats://127.0.0.1:${await freePort()}`;
    const service = await startService({ DATABASE_URL: database.url, NATS_URL: nowhere });
    try {
      const authorization = await signIn(service.url);
      const created = await fetch(`${service.url}/api/users`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Waiting', email: 'waiting@example.com' }),
      });
      expect(created.status).toBe(201);
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { error: { message: string } }).error.message).toBe('Not ready: nats degraded');
      const started = Date.now();
      service.child.kill('SIGTERM');
      expect(await service.exit).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
    }
  });
});
