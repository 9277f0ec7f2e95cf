import { InMemoryRateLimiter } from '../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import { rateLimiterContract } from './rate-limiter.contract.ts';

// The system clock, not a FixedClock: the contract waits in real time, as it must for Redis.
rateLimiterContract('in-memory', async () => ({
  limiter: new InMemoryRateLimiter(new SystemClock()),
  close: async () => undefined,
}));
