import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { freePort } from '../../support/private-server.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/redis-server.ts';

const LIMIT = 10;

/**
 * Two workerd processes (two isolates that share nothing in memory) with one REDIS_URL: the general
 * limit of one client address is one budget across them, exactly, also under concurrency, as the
 * contract asks of every instance sharing one Redis. GET /api/posts without a token is counted,
 * then refused for want of one (401), and needs no table: the database is only the edge's required one.
 */
let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: PrivateRedis;
let first: EdgeServer;
let second: EdgeServer;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  redis = await startPrivateRedis();
  const bindings = { DATABASE_URL: testDatabase.url, REDIS_URL: redis.url, TRUST_CF_CONNECTING_IP: 'true', RATE_LIMIT_MAX: String(LIMIT), LOG_LEVEL: 'warn' };
  [first, second] = await Promise.all([startEdge(bindings), startEdge(bindings)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await redis?.stop();
  await testDatabase?.drop();
});

const get = (edge: EdgeServer, address: string) => fetch(`${edge.url}/api/posts`, { headers: { 'cf-connecting-ip': address } });

it('one client address spends one budget across two workerd processes; the 429 is the contract one', async () => {
  const address = '198.51.100.40';
  const remaining: (string | null)[] = [];
  for (let i = 0; i < LIMIT; i++) {
    const response = await get(i % 2 === 0 ? first : second, address);
    expect(response.status).toBe(401);
    remaining.push(response.headers.get('ratelimit'));
  }
  expect(remaining.map((field) => /r=(\d+)/.exec(field ?? '')?.[1])).toEqual(Array.from({ length: LIMIT }, (_, i) => String(LIMIT - 1 - i)));

  for (const edge of [first, second]) {
    const over = await get(edge, address);
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await over.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers.get('ratelimit-policy')).toBe(`"default";q=${LIMIT};w=60`);
    expect(over.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
    expect(over.headers.get('x-request-id')).toBeTruthy();
    expect(over.headers.get('x-content-type-options')).toBe('nosniff');
  }
  const other = await get(second, '198.51.100.41');
  expect(other.status).toBe(401);
  expect(other.headers.get('ratelimit')).toMatch(/^"default";r=9;t=60$/);
});

it('of 40 concurrent requests spread over both processes, exactly the limit get through', async () => {
  const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => get(i % 2 === 0 ? first : second, '198.51.100.42')));
  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => status === 401)).toHaveLength(LIMIT);
  expect(statuses.filter((status) => status === 429)).toHaveLength(40 - LIMIT);
});

it('with Redis unreachable, each isolate counts alone rather than failing the request', async () => {
  const edge = await startEdge({ DATABASE_URL: testDatabase.url, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, TRUST_CF_CONNECTING_IP: 'true', RATE_LIMIT_MAX: '2', LOG_LEVEL: 'warn' });
  try {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(edge, '198.51.100.43')).status);
    expect(statuses).toEqual([401, 401, 429]);
    expect(edge.lines.join('\n')).toContain('rate limiter unavailable: counting in this process until it is back');
  } finally {
    await edge.stop();
  }
});
