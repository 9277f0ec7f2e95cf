import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { InMemoryCache } from '../adapters/cache/in-memory-cache.ts';
import { ResilientCache } from '../adapters/cache/resilient-cache.ts';
import { FallbackRateLimiter } from '../adapters/rate-limit/fallback-rate-limiter.ts';
import { InMemoryRateLimiter } from '../adapters/rate-limit/in-memory-rate-limiter.ts';
import { CircuitBreaker } from '../adapters/system/circuit-breaker.ts';
import type { Cache } from '../application/ports/cache.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { RateLimiter } from '../application/ports/rate-limiter.ts';
import { RATE_LIMIT_KEY_PREFIX } from './rate-limit-keys.ts';

export type SharedState = {
  cache: Cache;
  limiter: RateLimiter;
  /** For /readyz: whether the cache can reach Redis now; undefined without Redis. */
  cacheUsable?: () => Promise<boolean>;
  close(): Promise<void>;
};

/**
 * Cache and rate limiter: on Redis when REDIS_URL is set (shared by every instance, each behind a
 * circuit breaker of its own so an outage costs a request nothing but a fallback), else in this
 * process. Key prefixes keep the two apart, and apart from anything else in the same Redis.
 */
export async function connectSharedState(config: Config, clock: Clock, logger: Logger): Promise<SharedState> {
  if (!config.REDIS_URL) {
    return { cache: new InMemoryCache(clock, { maxEntries: 100_000 }), limiter: new InMemoryRateLimiter(clock), close: async () => undefined };
  }
  // Loaded only with REDIS_URL: the in-process default never pays for the Redis client.
  const [{ connectRedis }, { RedisCache }, { RedisRateLimiter }] = await Promise.all([
    import('../adapters/redis/redis-connection.ts'),
    import('../adapters/cache/redis-cache.ts'),
    import('../adapters/rate-limit/redis-rate-limiter.ts'),
  ]);
  const redis = await connectRedis(config.REDIS_URL, logger);
  const cache = new ResilientCache(new RedisCache(redis.client, { keyPrefix: 'users-service:cache:' }), new CircuitBreaker({ clock }), logger);
  redis.onConnectionLost(() => cache.connectionLost());
  const limiter = new FallbackRateLimiter({
    shared: new RedisRateLimiter(redis.client, { keyPrefix: RATE_LIMIT_KEY_PREFIX }),
    local: new InMemoryRateLimiter(clock),
    breaker: new CircuitBreaker({ clock }),
    logger,
  });
  return {
    cache,
    limiter,
    cacheUsable: () => cache.usable(),
    close: async () => {
      cache.close(); // its recovery timer
      await redis.close();
    },
  };
}
