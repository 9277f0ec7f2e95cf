import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../../src/adapters/redis/redis-connection.ts';
import { REDIS_URL } from '../../support/shared-redis.ts';
import { until } from '../../support/until.ts';

/** A logger whose lines are kept, to read what the connection said. */
function recordingLogger() {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      messages.push((JSON.parse(chunk.toString('utf8')) as { msg: string }).msg);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), messages };
}

describe('the Redis connection', () => {
  it('says nothing is lost when the service itself closes it', async () => {
    const { logger, messages } = recordingLogger();
    const redis = await connectRedis(REDIS_URL, logger);
    let lost = 0;
    redis.onConnectionLost(() => lost++);
    expect(await redis.ping()).toBe(true);
    await redis.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(messages).toContain('redis connected');
    expect(messages).not.toContain('redis connection lost; reconnecting');
    expect(lost).toBe(0);
  });

  it('warns once and tells its listeners when the server drops it', async () => {
    const { logger, messages } = recordingLogger();
    const redis = await connectRedis(REDIS_URL, logger);
    const admin = new Redis(REDIS_URL);
    try {
      let lost = 0;
      redis.onConnectionLost(() => lost++);
      const id = (await redis.client.client('ID')) as number;
      await admin.client('KILL', 'ID', String(id));
      await until(async () => lost === 1, 5_000, 'the listener told of the lost connection');
      expect(messages.filter((message) => message === 'redis connection lost; reconnecting')).toHaveLength(1);
    } finally {
      admin.disconnect();
      await redis.close();
    }
  });
});
