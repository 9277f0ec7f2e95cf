import { InMemoryCache } from '../../src/adapters/cache/in-memory-cache.ts';
import { AccountAccess } from '../../src/application/auth/account-access.ts';
import { sessionCache, userCache } from '../../src/application/shared/cached-entities.ts';
import type { Clock } from '../../src/application/ports/clock.ts';
import type { UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import { FixedClock } from './fixed-clock.ts';

/** The cache-aside wiring of createUseCases over an in-process cache, for tests that build use cases one by one. */
export function inMemoryCaches(uow: UnitOfWork, clock: Clock = new FixedClock()) {
  const cache = new InMemoryCache(clock);
  const options = { cache, uow, ttlSeconds: 3600 };
  const users = userCache(options);
  const sessions = sessionCache(options);
  return { cache, users, sessions, access: new AccountAccess({ users, sessions }) };
}
