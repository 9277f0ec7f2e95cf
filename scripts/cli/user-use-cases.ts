import { InMemoryCache } from '../../src/adapters/cache/in-memory-cache.ts';
import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import type { Database } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { InMemoryRateLimiter } from '../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { ScryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.ts';
import { SealedCursorCodec } from '../../src/adapters/security/sealed-cursor-codec.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import { AccountAccess } from '../../src/application/auth/account-access.ts';
import { SignInFailures } from '../../src/application/auth/sign-in-failures.ts';
import { sessionCache, userCache } from '../../src/application/shared/cached-entities.ts';
import { EnsureAdmin } from '../../src/application/users/ensure-admin.ts';
import { createUserUseCases } from '../../src/application/users/index.ts';

/**
 * The users use cases for a command-line script (user:create, setup), on an open database. A
 * new id is in no cache yet, the service's included: a cache of this process's own will do, and
 * counters of its own too (creating checks no password, so they are never consulted).
 */
export function cliUserUseCases(database: Database) {
  const uow = new MikroOrmUnitOfWork(database.orm);
  const clock = new SystemClock();
  const hasher = new ScryptPasswordHasher();
  const cached = { cache: new InMemoryCache(clock), uow, ttlSeconds: 60 };
  const users = userCache(cached);
  const useCases = createUserUseCases({
    uow,
    ids: new UuidV7Ids(),
    clock,
    hasher,
    cursors: new SealedCursorCodec(),
    users,
    access: new AccountAccess({ users, sessions: sessionCache(cached) }),
    failures: new SignInFailures({ limiter: new InMemoryRateLimiter(clock), limits: { perAddress: 10, perEmail: 100, windowSeconds: 900 } }),
  });
  return { ...useCases, ensureAdmin: new EnsureAdmin({ uow, hasher, create: useCases.create, update: useCases.update }) };
}
