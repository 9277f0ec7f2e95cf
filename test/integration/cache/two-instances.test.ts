import { Redis } from 'ioredis';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootService, type BootedService } from '../../support/booted-service.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/redis-server.ts';

/**
 * Two instances of the whole service (src/composition/bootstrap.ts) over one PostgreSQL and one Redis, as
 * behind a load balancer: whatever one of them acknowledged, the other serves at once.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: PrivateRedis;
const started: BootedService[] = [];
let a: BootedService;
let b: BootedService;
let token: string;
let sharedEnv: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startPrivateRedis();
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  sharedEnv = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    JWT_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)),
    CURSOR_SECRET: 'a-cursor-secret-shared-by-both-instances',
  };
  a = await boot({ RATE_LIMIT_MAX: '1000000' });
  b = await boot({ RATE_LIMIT_MAX: '1000000' });
  token = await a.adminToken();
});

afterAll(async () => {
  for (const service of started) await service.close();
  await redis?.stop();
  await database?.drop();
});

async function boot(env: Record<string, string>): Promise<BootedService> {
  const service = await bootService({ ...sharedEnv, ...env });
  started.push(service);
  return service;
}

const versionOf = (res: Response) => Number(/^"v(\d+)"$/.exec(res.headers.get('ETag') ?? '')?.[1]);

async function createUser(via: BootedService, body: Record<string, unknown>): Promise<string> {
  const res = await via.call('POST', '/api/users', { token, json: body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

describe('two instances sharing one Redis', () => {
  it('an update through one is never followed by a stale read through either, with readers racing the writes', async () => {
    const id = await createUser(a, { name: 'v0', email: 'racing@example.com' });
    let acknowledged = 1; // the version of the last write a client has been answered for
    let stop = false;
    const stale: string[] = [];
    const reader = async (via: BootedService, label: string) => {
      while (!stop) {
        const floor = acknowledged;
        const res = await via.call('GET', `/api/users/${id}`, { token });
        if (versionOf(res) < floor) stale.push(`${label} read v${versionOf(res)} after v${floor} was acknowledged`);
      }
    };
    // Entries also vanish the way TTLs and memory pressure make them (a plain DEL, no generation
    // change), so readers keep missing and filling while the writes land: the stale write-back race.
    const raw = new Redis(redis.url);
    const evictor = async () => {
      while (!stop) {
        await raw.del(`users-service:cache:0:user:${id}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    const readers = [reader(a, 'a'), reader(a, 'a'), reader(b, 'b'), reader(b, 'b'), evictor()];
    for (let i = 1; i <= 60; i++) {
      const writer = i % 2 === 0 ? a : b;
      const res = await writer.call('PATCH', `/api/users/${id}`, { token, json: { name: `v${i}` } });
      expect(res.status).toBe(200);
      acknowledged = versionOf(res);
      for (const via of [a, b]) {
        const read = await via.call('GET', `/api/users/${id}`, { token });
        expect(((await read.json()) as { data: { name: string } }).data.name).toBe(`v${i}`);
      }
    }
    stop = true;
    await Promise.all(readers);
    raw.disconnect();
    expect(stale).toEqual([]);
  });

  it('a delete through one is a 404 through the other at once', async () => {
    const id = await createUser(a, { name: 'Doomed', email: 'doomed@example.com' });
    expect((await b.call('GET', `/api/users/${id}`, { token })).status).toBe(200);
    expect((await a.call('DELETE', `/api/users/${id}`, { token })).status).toBe(204);
    expect((await b.call('GET', `/api/users/${id}`, { token })).status).toBe(404);
  });

  it('a suspension through one locks the user out of the other on its next request', async () => {
    const id = await createUser(a, { name: 'Member', email: 'member@example.com', password: 'member-password' });
    const login = await b.call('POST', '/api/auth/login', { json: { email: 'member@example.com', password: 'member-password' } });
    const memberToken = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    expect((await b.call('GET', '/api/auth/me', { token: memberToken })).status).toBe(200);
    expect((await a.call('PATCH', `/api/users/${id}`, { token, json: { status: 'suspended' } })).status).toBe(200);
    expect((await b.call('GET', '/api/auth/me', { token: memberToken })).status).toBe(401);
  });

  it('a logout through one ends the session on the other at once', async () => {
    const login = await a.call('POST', '/api/auth/login', { json: { email: 'root@example.com', password: 'correct-horse-battery' } });
    const session = ((await login.json()) as { data: { accessToken: string; refreshToken: string } }).data;
    expect((await b.call('GET', '/api/auth/me', { token: session.accessToken })).status).toBe(200);
    expect((await a.call('POST', '/api/auth/logout', { json: { refreshToken: session.refreshToken } })).status).toBe(204);
    expect((await b.call('GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
  });

  it("a password change or an ended session through one ends the user's other sessions on the other at once", async () => {
    const id = await createUser(a, { name: 'Owner', email: 'owner@example.com', password: 'owner-password' });
    const signIn = async () => {
      const login = await b.call('POST', '/api/auth/login', { json: { email: 'owner@example.com', password: 'owner-password' } });
      return ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    };
    const [mine, other, third] = [await signIn(), await signIn(), await signIn()];
    for (const seen of [mine, other, third]) expect((await b.call('GET', '/api/auth/me', { token: seen })).status).toBe(200);

    const sessions = await (await a.call('GET', '/api/auth/sessions', { token: third })).json();
    const thirdId = (sessions as { data: { id: string; current: boolean }[] }).data.find((session) => session.current)?.id;
    expect((await a.call('DELETE', `/api/auth/sessions/${thirdId}`, { token: mine })).status).toBe(204);
    expect((await b.call('GET', '/api/auth/me', { token: third })).status).toBe(401);

    const change = { password: 'a new owner password', currentPassword: 'owner-password' };
    expect((await a.call('PATCH', `/api/users/${id}`, { token: mine, json: change })).status).toBe(200);
    expect((await b.call('GET', '/api/auth/me', { token: other })).status).toBe(401);
    expect((await b.call('GET', '/api/auth/me', { token: mine })).status).toBe(200);
  });

  it('admits exactly N of 5N concurrent requests across both instances', async () => {
    const N = 25;
    const limited = [await boot({ RATE_LIMIT_MAX: String(N), RATE_LIMIT_WINDOW_SECONDS: '600' }), await boot({ RATE_LIMIT_MAX: String(N), RATE_LIMIT_WINDOW_SECONDS: '600' })];
    // One client (a user of its own, so no earlier test's requests count), 5N requests at once, split between the instances.
    await createUser(a, { name: 'Busy', email: 'busy@example.com', password: 'busy-password' });
    const login = await a.call('POST', '/api/auth/login', { json: { email: 'busy@example.com', password: 'busy-password' } });
    const busy = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    const responses = await Promise.all(Array.from({ length: 5 * N }, (_, i) => limited[i % 2]!.call('GET', '/api/users', { token: busy })));
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(N);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4 * N);
    for (const res of responses) {
      expect(res.headers.get('RateLimit-Policy')).toBe(`"default";q=${N};w=600`);
      if (res.status === 429) expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    }
    const remaining = responses.map((res) => Number(/;r=(\d+);/.exec(res.headers.get('RateLimit') ?? '')?.[1]));
    expect(new Set(remaining.filter((_, i) => statuses[i] !== 429)).size).toBe(N); // each admitted request saw its own count
    // Each instance counts the rejections it answered: together, every one.
    const rejected = await Promise.all(
      limited.map(async (service) => {
        const text = await (await service.call('GET', '/metrics')).text();
        return Number(/^rate_limit_rejections_total\{policy="default"\} (\d+)$/m.exec(text)?.[1] ?? 0);
      }),
    );
    expect(rejected[0]! + rejected[1]!).toBe(4 * N);
  });
});
