import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { connectTestRedis, deleteKeys as deleteKeysOf } from '../../support/shared-redis.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../../../src/adapters/rate-limit/redis-rate-limiter.ts';
import type { RateLimitPolicy } from '../../../src/application/ports/rate-limiter.ts';
import { rateLimiterContract } from '../../contract/rate-limiter.contract.ts';

const RUN_PREFIX = `test:${randomUUID()}:`;

let redis: Redis;

const connect = connectTestRedis;

const uniquePrefix = () => `${RUN_PREFIX}${randomUUID()}:`;

const deleteKeys = (pattern: string) => deleteKeysOf(redis, pattern);

beforeAll(async () => {
  redis = await connect();
});

afterAll(async () => {
  await deleteKeys(`${RUN_PREFIX}*`);
  await redis.quit();
});

rateLimiterContract('Redis', async () => {
  const prefix = uniquePrefix();
  return { limiter: new RedisRateLimiter(redis, { keyPrefix: prefix }), close: () => deleteKeys(`${prefix}*`) };
});

describe('RedisRateLimiter on the server', () => {
  it('admits exactly max across two instances on separate connections', async () => {
    const N = 50;
    const policy: RateLimitPolicy = { name: 'shared', max: N, windowSeconds: 60 };
    const prefix = uniquePrefix();
    const other = await connect();
    try {
      const instances = [new RedisRateLimiter(redis, { keyPrefix: prefix }), new RedisRateLimiter(other, { keyPrefix: prefix })];
      const decisions = await Promise.all(Array.from({ length: 5 * N }, (_, i) => instances[i % 2]!.hit(policy, 'hot')));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(N);
      expect(await redis.get(`${prefix}shared:hot`)).toBe(String(5 * N));
    } finally {
      await other.quit();
      await deleteKeys(`${prefix}*`);
    }
  });

  it('gives the counter a TTL of the window, so Redis frees it', async () => {
    const prefix = uniquePrefix();
    const limiter = new RedisRateLimiter(redis, { keyPrefix: prefix });
    await limiter.hit({ name: 'login-email', max: 5, windowSeconds: 900 }, 'ada@example.com');
    const ttl = await redis.pttl(`${prefix}login-email:ada@example.com`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(900_000);
    await deleteKeys(`${prefix}*`);
  });

  it('a peek writes nothing: no counter for a fresh key, no TTL for one found without', async () => {
    const prefix = uniquePrefix();
    const limiter = new RedisRateLimiter(redis, { keyPrefix: prefix });
    const policy: RateLimitPolicy = { name: 'login-failures', max: 3, windowSeconds: 60 };
    expect(await limiter.peek(policy, 'fresh')).toMatchObject({ allowed: true, remaining: 3 });
    expect(await redis.exists(`${prefix}login-failures:fresh`)).toBe(0);
    await redis.set(`${prefix}login-failures:kept`, '3');
    expect(await limiter.peek(policy, 'kept')).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 60 });
    expect(await redis.pttl(`${prefix}login-failures:kept`)).toBe(-1);
    await deleteKeys(`${prefix}*`);
  });

  it('gives a TTL to a counter found without one, counting on from it', async () => {
    const prefix = uniquePrefix();
    const limiter = new RedisRateLimiter(redis, { keyPrefix: prefix });
    await redis.set(`${prefix}default:client`, '2');
    expect(await limiter.hit({ name: 'default', max: 3, windowSeconds: 60 }, 'client')).toMatchObject({
      allowed: true,
      remaining: 0,
      resetSeconds: 60,
    });
    const ttl = await redis.pttl(`${prefix}default:client`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await deleteKeys(`${prefix}*`);
  });

  it('rejects, rather than allowing or refusing, when Redis cannot be reached', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      const limiter = new RedisRateLimiter(unreachable);
      await expect(limiter.hit({ name: 'default', max: 3, windowSeconds: 60 }, 'client')).rejects.toThrow();
    } finally {
      unreachable.disconnect();
    }
  }, 5000);
});
