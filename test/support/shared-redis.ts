import { Redis } from 'ioredis';

/** The Redis every suite may use (the machine's own), unless REDIS_URL names another. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A client for a test: connected, with timeouts generous enough for a loaded CI machine. */
export async function connectTestRedis(): Promise<Redis> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, commandTimeout: 2000, maxRetriesPerRequest: 1 });
  await client.connect();
  return client;
}

/** Deletes every key matching `pattern` (SCAN, never KEYS, so a big server is not blocked). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
