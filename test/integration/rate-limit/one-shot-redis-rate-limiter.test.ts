import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneShotRedisRateLimiter } from '../../../src/adapters/rate-limit/one-shot-redis-rate-limiter.ts';
import { RedisRateLimiter } from '../../../src/adapters/rate-limit/redis-rate-limiter.ts';
import type { RateLimitPolicy } from '../../../src/application/ports/rate-limiter.ts';
import { rateLimiterContract } from '../../contract/rate-limiter.contract.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/redis-server.ts';
import { connectTestRedis, deleteKeys, REDIS_URL } from '../../support/shared-redis.ts';

/** The edge's limiter (a connection per call, node:net as workerd provides it), run here on Node against the real server. */
const RUN_PREFIX = `test:${randomUUID()}:`;
const uniquePrefix = () => `${RUN_PREFIX}${randomUUID()}:`;
let redis: Redis;

beforeAll(async () => {
  redis = await connectTestRedis();
});

afterAll(async () => {
  await deleteKeys(redis, `${RUN_PREFIX}*`);
  await redis.quit();
});

rateLimiterContract('Redis, a connection per call', async () => {
  const prefix = uniquePrefix();
  return { limiter: new OneShotRedisRateLimiter(REDIS_URL, { keyPrefix: prefix, timeoutMs: 2000 }), close: () => deleteKeys(redis, `${prefix}*`) };
});

describe('OneShotRedisRateLimiter', () => {
  it('counts the same counters as the Node limiter: an edge and a Node instance share one budget', async () => {
    const prefix = uniquePrefix();
    const policy: RateLimitPolicy = { name: 'default', max: 30, windowSeconds: 60 };
    const edge = new OneShotRedisRateLimiter(REDIS_URL, { keyPrefix: prefix, timeoutMs: 2000 });
    const node = new RedisRateLimiter(redis, { keyPrefix: prefix });
    const decisions = await Promise.all(Array.from({ length: 90 }, (_, i) => (i % 2 === 0 ? edge : node).hit(policy, 'address:203.0.113.7')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(30);
    expect(await redis.get(`${prefix}default:address:203.0.113.7`)).toBe('90');
    expect(await redis.pttl(`${prefix}default:address:203.0.113.7`)).toBeGreaterThan(0);
  });

  it('sends a key with CR/LF, RESP of its own, multi-byte characters or 64 KiB as one key, never as commands', async () => {
    const prefix = uniquePrefix();
    const canary = `${prefix}canary`;
    await redis.set(canary, 'untouched');
    const injected = `x\r\n*3\r\n$3\r\nSET\r\n$${canary.length}\r\n${canary}\r\n$6\r\nhacked\r\n`;
    const limiter = new OneShotRedisRateLimiter(REDIS_URL, { keyPrefix: prefix, timeoutMs: 2000 });
    const policy: RateLimitPolicy = { name: 'odd', max: 2, windowSeconds: 60 };
    for (const key of [injected, 'clé ✓ 🔑', 'a'.repeat(64 * 1024)]) {
      expect(await limiter.hit(policy, key)).toMatchObject({ allowed: true, remaining: 1 });
      expect(await limiter.hit(policy, key)).toMatchObject({ allowed: true, remaining: 0 });
      expect(await redis.get(`${prefix}odd:${key}`)).toBe('2');
    }
    expect(await redis.get(canary)).toBe('untouched');
  });

  it('rejects when nothing listens, at once', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const limiter = new OneShotRedisRateLimiter(`redis://127.0.0.1:${closed}`);
    await expect(limiter.hit({ name: 'default', max: 3, windowSeconds: 60 }, 'client')).rejects.toThrow();
  });

  it('gives up on a reply larger than any it expects at once, without buffering what a hostile server sends until the timeout', async () => {
    // A bulk string announced at 1 GiB and streamed as fast as the socket takes it: the edge held it all (an isolate has 128 MiB).
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const flood = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.write('$1073741824\r\n');
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
    });
    await new Promise<void>((resolve) => flood.listen(0, '127.0.0.1', resolve));
    const { port } = flood.address() as { port: number };
    try {
      const started = Date.now();
      const limiter = new OneShotRedisRateLimiter(`redis://127.0.0.1:${port}`, { timeoutMs: 5000 });
      await expect(limiter.hit({ name: 'default', max: 3, windowSeconds: 60 }, 'client')).rejects.toThrow(/larger than/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      flood.close();
    }
  });

  it('rejects within its timeout when the server accepts and never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const limiter = new OneShotRedisRateLimiter(`redis://127.0.0.1:${port}`, { timeoutMs: 200 });
      await expect(limiter.hit({ name: 'default', max: 3, windowSeconds: 60 }, 'client')).rejects.toThrow('within 200 ms');
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      silent.close();
    }
  });
});

/** `key` holds one hit in the database ioredis selects for `url`, and none in database 0. */
async function expectCountedWhereIoredisReads(url: string, key: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const reader = new Redis(url);
  try {
    expect(await reader.get(key)).toBe('1');
    await reader.select(0);
    expect(await reader.get(key)).toBeNull();
  } finally {
    reader.disconnect();
  }
}

describe('OneShotRedisRateLimiter with a password and a database in the URL', () => {
  let server: PrivateRedis;

  beforeAll(async () => {
    server = await startPrivateRedis();
    const admin = await import('ioredis').then(({ Redis }) => new Redis(server.url));
    await admin.config('SET', 'requirepass', 'a s3cret/with:odd@chars');
    admin.disconnect();
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('authenticates and counts in the database the URL names', async () => {
    const url = `redis://:${encodeURIComponent('a s3cret/with:odd@chars')}@127.0.0.1:${server.port}/3`;
    const limiter = new OneShotRedisRateLimiter(url, { timeoutMs: 2000 });
    expect(await limiter.hit({ name: 'default', max: 2, windowSeconds: 60 }, 'client')).toMatchObject({ allowed: true, remaining: 1 });
    await expectCountedWhereIoredisReads(url, 'default:client');
  });

  it('reads the password and database from the query as ioredis does, so the edge counts where the Node instances count', async () => {
    // Node's ioredis takes `?password=` and `?db=`: an edge ignoring them failed AUTH (counting per isolate) or counted in db 0.
    const url = `redis://127.0.0.1:${server.port}?password=${encodeURIComponent('a s3cret/with:odd@chars')}&db=5`;
    const limiter = new OneShotRedisRateLimiter(url, { timeoutMs: 2000 });
    expect(await limiter.hit({ name: 'query', max: 2, windowSeconds: 60 }, 'client')).toMatchObject({ allowed: true, remaining: 1 });
    await expectCountedWhereIoredisReads(url, 'query:client');
  });

  it('rejects with a wrong password', async () => {
    const limiter = new OneShotRedisRateLimiter(`redis://:wrong@127.0.0.1:${server.port}`, { timeoutMs: 2000 });
    await expect(limiter.hit({ name: 'default', max: 2, windowSeconds: 60 }, 'client')).rejects.toThrow(/WRONGPASS|invalid password/);
  });
});
