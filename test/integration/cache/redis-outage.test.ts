import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootService, type BootedService } from '../../support/booted-service.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/redis-server.ts';
import { until as untilWithin } from '../../support/until.ts';

/** Redis recovery takes seconds here (breaker probes, the dirty cache's clear): 15 s, polled every 100 ms. */
const until = (check: () => Promise<boolean>) => untilWithin(check, 15_000, 'condition', 100);

/**
 * The whole service (bootstrap, PostgreSQL, a redis-server of this test's own) while Redis dies and
 * comes back with its disk: requests keep succeeding from PostgreSQL, /readyz says Redis is
 * degraded, and once Redis is back nothing it held from before the outage is served.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: PrivateRedis;
let service: BootedService;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startPrivateRedis({ persist: true });
  service = await bootService({ DATABASE_URL: database.url, REDIS_URL: redis.url, RATE_LIMIT_MAX: '100000' });
  token = await service.adminToken();
});

afterAll(async () => {
  await service?.close();
  await redis?.stop();
  await database?.drop();
});

async function metric(name: string, keyspace: string): Promise<number> {
  const text = await (await service.call('GET', '/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{keyspace="${keyspace}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

async function nameOf(id: string): Promise<string> {
  const res = await service.call('GET', `/api/users/${id}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { name: string } }).data.name;
}

describe('Redis failing and coming back', () => {
  it('keeps serving, reports degraded, and never serves what Redis held from before the outage', async () => {
    const created = await service.call('POST', '/api/users', { token, json: { name: 'Before', email: 'outage@example.com' } });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    expect(await nameOf(id)).toBe('Before'); // a miss: this read fills the cache
    const hitsBefore = await metric('cache_hits_total', 'user');
    expect(await nameOf(id)).toBe('Before');
    expect(await metric('cache_hits_total', 'user')).toBeGreaterThan(hitsBefore);
    expect((await service.call('GET', '/readyz')).status).toBe(200);

    await redis.kill();

    // Reads and writes keep succeeding, from PostgreSQL; the update's write-through is lost.
    const missesBefore = await metric('cache_misses_total', 'user');
    expect(await nameOf(id)).toBe('Before');
    const patched = await service.call('PATCH', `/api/users/${id}`, { token, json: { name: 'During' } });
    expect(patched.status).toBe(200);
    for (let i = 0; i < 20; i++) expect(await nameOf(id)).toBe('During');
    expect(await metric('cache_misses_total', 'user')).toBeGreaterThan(missesBefore);
    const created2 = await service.call('POST', '/api/users', { token, json: { name: 'New', email: 'new-during-outage@example.com' } });
    expect(created2.status).toBe(201);

    const ready = await service.call('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { message: string } }).error.message).toBe('Not ready: redis degraded');

    // Redis comes back from its append-only file, still holding "Before" for this user.
    await redis.start();
    await until(async () => (await service.call('GET', '/readyz')).status === 200);
    for (let i = 0; i < 20; i++) expect(await nameOf(id)).toBe('During');
    expect(service.logs.some((line) => line.msg.startsWith('cache cleared'))).toBe(true);

    // And the cache works again: a read fills it, the next one is a hit.
    const hits = await metric('cache_hits_total', 'user');
    await nameOf(id);
    await nameOf(id);
    expect(await metric('cache_hits_total', 'user')).toBeGreaterThan(hits);
  });

  it('a signed-out session stays signed out through an outage', async () => {
    const login = await service.call('POST', '/api/auth/login', { json: { email: 'root@example.com', password: 'correct-horse-battery' } });
    const { accessToken, refreshToken } = ((await login.json()) as { data: { accessToken: string; refreshToken: string } }).data;
    expect((await service.call('GET', '/api/auth/me', { token: accessToken })).status).toBe(200);
    await redis.kill();
    expect((await service.call('POST', '/api/auth/logout', { json: { refreshToken } })).status).toBe(204);
    expect((await service.call('GET', '/api/auth/me', { token: accessToken })).status).toBe(401);
    await redis.start();
    await until(async () => (await service.call('GET', '/readyz')).status === 200);
    expect((await service.call('GET', '/api/auth/me', { token: accessToken })).status).toBe(401);
  });

  it('answers every request of a steady stream while Redis is killed and restarted under it', async () => {
    const created = await service.call('POST', '/api/users', { token, json: { name: 'Stream 0', email: 'stream@example.com' } });
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    const statuses = new Map<number, number>();
    let stop = false;
    let written = 0;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const writing = n === 0 && i % 5 === 0;
        const res = writing
          ? await service.call('PATCH', `/api/users/${id}`, { token, json: { name: `Stream ${++written}` } })
          : await service.call('GET', `/api/users/${id}`, { token });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    const clients = Array.from({ length: 6 }, (_, n) => client(n));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.kill(); // mid-stream
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.start();
    await until(async () => (await service.call('GET', '/readyz')).status === 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(clients);
    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThan(50);
    expect(await nameOf(id)).toBe(`Stream ${written}`);
  });
});
