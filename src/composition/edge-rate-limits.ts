import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { FallbackRateLimiter } from '../adapters/rate-limit/fallback-rate-limiter.ts';
import { InMemoryRateLimiter } from '../adapters/rate-limit/in-memory-rate-limiter.ts';
import { OneShotRedisRateLimiter } from '../adapters/rate-limit/one-shot-redis-rate-limiter.ts';
import { CircuitBreaker } from '../adapters/system/circuit-breaker.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { RateLimiter } from '../application/ports/rate-limiter.ts';
import { RATE_LIMIT_KEY_PREFIX } from './rate-limit-keys.ts';

/**
 * The edge's limiter. With REDIS_URL, the Node instances' counters in Redis, reached on a
 * connection per call (a socket cannot outlive its request there): exact across isolates and
 * instances. While Redis fails, each isolate counts alone (FallbackRateLimiter, as on Node).
 * Without REDIS_URL, per isolate only: weaker, see docs/edge.md.
 */
export function edgeRateLimiter(config: Config, clock: Clock, logger: Logger): RateLimiter {
  const local = new InMemoryRateLimiter(clock);
  if (!config.REDIS_URL) return local;
  return new FallbackRateLimiter({
    shared: new OneShotRedisRateLimiter(config.REDIS_URL, { keyPrefix: RATE_LIMIT_KEY_PREFIX }),
    local,
    breaker: new CircuitBreaker({ clock }),
    logger,
  });
}
