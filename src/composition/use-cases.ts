import { AccountAccess } from '../application/auth/account-access.ts';
import { createAuthUseCases, signInFailuresFor, type AuthSettings, type AuthUseCases } from '../application/auth/index.ts';
import { createEventConsumers, type EventConsumers } from '../application/events/index.ts';
import { createJobUseCases, type JobUseCases } from '../application/jobs/index.ts';
import { JobScheduler } from '../application/jobs/job-scheduler.ts';
import type { Cache } from '../application/ports/cache.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { CursorCodec } from '../application/ports/cursor-codec.ts';
import type { IdGenerator } from '../application/ports/id-generator.ts';
import type { PasswordHasher } from '../application/ports/password-hasher.ts';
import type { RateLimiter } from '../application/ports/rate-limiter.ts';
import type { TokenService } from '../application/ports/token-service.ts';
import type { UnitOfWork } from '../application/ports/unit-of-work.ts';
import { createPostUseCases, type PostUseCases } from '../application/posts/index.ts';
import type { CacheOutcome } from '../application/shared/cache-aside.ts';
import { sessionCache, userCache } from '../application/shared/cached-entities.ts';
import { IdempotentCreation } from '../application/shared/idempotent-creation.ts';
import { EnsureAdmin } from '../application/users/ensure-admin.ts';
import { createUserUseCases, type UserUseCases } from '../application/users/index.ts';

export type UseCaseDependencies = Readonly<{
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  hasher: PasswordHasher;
  cursors: CursorCodec;
  tokens: TokenService;
  limiter: RateLimiter;
  auth: AuthSettings;
  /** Users and sessions are read through it (cache-aside) and written through it after commits. */
  cache: Cache;
  /** CACHE_TTL_SECONDS. */
  cacheTtlSeconds: number;
  /** Told of every cache lookup, for the hit and miss metrics. */
  onCacheLookup?(keyspace: string, outcome: CacheOutcome): void;
}>;

export type UseCases = {
  users: UserUseCases;
  posts: PostUseCases;
  auth: AuthUseCases;
  jobs: JobUseCases;
  /** The service's own event consumers, for the transport to subscribe. */
  consumers: EventConsumers;
  /** Schedules jobs in a transaction (the periodic jobs use it). */
  scheduler: JobScheduler;
  ensureAdmin: EnsureAdmin;
  /** Idempotency-Key claims and replays for the create routes. */
  idempotency: IdempotentCreation;
};

/**
 * Every slice over the given ports: the composition root's wiring, shared with tests.
 * What slices share (the cached users, account access, sign-in failures, the scheduler) is built
 * once here, so a password change in one slice ends the sessions the other checks.
 */
export function createUseCases(deps: UseCaseDependencies): UseCases {
  const { uow, ids, clock, hasher, limiter } = deps;
  const cached = { cache: deps.cache, uow, ttlSeconds: deps.cacheTtlSeconds, onLookup: deps.onCacheLookup };
  const users = userCache(cached);
  const access = new AccountAccess({ users, sessions: sessionCache(cached) });
  const failures = signInFailuresFor(limiter, deps.auth);
  const scheduler = new JobScheduler({ ids, clock });
  const userUseCases = createUserUseCases({ ...deps, users, access, failures });
  const { create: createUser, update } = userUseCases;
  return {
    users: userUseCases,
    posts: createPostUseCases(deps),
    auth: createAuthUseCases({ ...deps, settings: deps.auth, users, access, failures, createUser, scheduler }),
    jobs: createJobUseCases({ uow, scheduler }),
    consumers: createEventConsumers({ uow, clock, users, scheduler }),
    scheduler,
    ensureAdmin: new EnsureAdmin({ uow, hasher, create: createUser, update }),
    idempotency: new IdempotentCreation({ uow, clock, ids }),
  };
}
