import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { connectTestRedis, deleteKeys as deleteKeysOf, REDIS_URL } from '../../support/shared-redis.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../../src/adapters/cache/redis-cache.ts';
import { cacheContract } from '../../contract/cache.contract.ts';

const RUN_PREFIX = `test:${randomUUID()}:`;

let redis: Redis;

const deleteKeys = (pattern: string) => deleteKeysOf(redis, pattern);

beforeAll(async () => {
  redis = await connectTestRedis();
});

afterAll(async () => {
  await deleteKeys(`${RUN_PREFIX}*`);
  await redis.quit();
});

cacheContract('Redis', async () => {
  const prefix = `${RUN_PREFIX}${randomUUID()}:`;
  return {
    cache: new RedisCache(redis, { keyPrefix: prefix }),
    expectExpiry: async (key, ttlSeconds) => {
      const remaining = await redis.pttl(`${prefix}0:${key}`);
      expect(remaining).toBeGreaterThan(0);
      expect(remaining).toBeLessThanOrEqual(ttlSeconds * 1000);
      expect(remaining).toBeGreaterThan(ttlSeconds * 1000 - 5000);
    },
    close: () => deleteKeys(`${prefix}*`),
  };
});

describe('RedisCache on the server', () => {
  it('keeps keys under its prefix and gives generations a long TTL', async () => {
    const prefix = `${RUN_PREFIX}${randomUUID()}:`;
    const cache = new RedisCache(redis, { keyPrefix: prefix, generationTtlSeconds: 3600 });
    await cache.set('k', 'v', 60);
    expect(await redis.get(`${prefix}0:k`)).toBe('v');
    await cache.delete('k');
    expect(await redis.get(`${prefix}0:k#gen`)).toBe('1');
    const ttl = await redis.ttl(`${prefix}0:k#gen`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    await deleteKeys(`${prefix}*`);
  });

  it('clears by moving to a new epoch: old keys stay only until their TTL', async () => {
    const prefix = `${RUN_PREFIX}${randomUUID()}:`;
    const cache = new RedisCache(redis, { keyPrefix: prefix });
    await cache.set('k', 'v', 60);
    await cache.clear();
    const epoch = Number(await redis.get(`${prefix}epoch`));
    expect(epoch).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 60); // at least the server's clock
    expect(await redis.pttl(`${prefix}0:k`)).toBeGreaterThan(0);
    expect(await cache.get('k')).toBeNull();
    await cache.set('k', 'w', 60);
    expect(await redis.get(`${prefix}${epoch}:k`)).toBe('w');
    await cache.clear();
    expect(Number(await redis.get(`${prefix}epoch`))).toBe(epoch + 1); // past the current one, even within one second
    await deleteKeys(`${prefix}*`);
  });

  it('never hands out an epoch used before, even after Redis lost its data', async () => {
    const prefix = `${RUN_PREFIX}${randomUUID()}:`;
    const cache = new RedisCache(redis, { keyPrefix: prefix });
    await cache.clear();
    const before = await cache.lookup('user:1'); // a reader, before the loss, loads and is slow
    await deleteKeys(`${prefix}*`); // Redis restarts empty: epoch and generations gone
    await cache.clear(); // the instances clear on reconnecting
    await cache.writeThrough('user:1', 'committed', 60, await cache.generation('user:1'));
    expect(await cache.setIfGeneration('user:1', 'loaded before', 60, before.generation)).toBe(false);
    expect(await cache.get('user:1')).toBe('committed');
    await deleteKeys(`${prefix}*`);
  });

  it('shares entries and generations between two clients of one server', async () => {
    const prefix = `${RUN_PREFIX}${randomUUID()}:`;
    const other = new Redis(REDIS_URL);
    try {
      const mine = new RedisCache(redis, { keyPrefix: prefix });
      const theirs = new RedisCache(other, { keyPrefix: prefix });
      const reader = await mine.lookup('user:1');
      await theirs.writeThrough('user:1', 'v2', 60, await theirs.generation('user:1'));
      expect(await mine.setIfGeneration('user:1', 'v1', 60, reader.generation)).toBe(false);
      expect(await mine.get('user:1')).toBe('v2');
      await theirs.clear();
      expect(await mine.get('user:1')).toBeNull();
    } finally {
      other.disconnect();
      await deleteKeys(`${prefix}*`);
    }
  });

  it('really expires a value with a 1 s TTL', async () => {
    const prefix = `${RUN_PREFIX}${randomUUID()}:`;
    const cache = new RedisCache(redis, { keyPrefix: prefix });
    await cache.set('k', 'v', 1);
    expect(await cache.get('k')).toBe('v');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.get('k')).toBeNull();
  });
});
