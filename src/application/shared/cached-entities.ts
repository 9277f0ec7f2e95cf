import { USER_ROLES, USER_STATUSES, type User, type UserId, type UserView } from '../../domain/user.ts';
import { CacheAside, type CacheOutcome } from './cache-aside.ts';
import type { Cache } from '../ports/cache.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** Users by id: GET /api/users/:id and every authenticated request (the token holder's role and status). */
export type UserCache = CacheAside<UserView, UserId>;

/** Whether a session (one sign-in and its refreshes) has ended; checked on every authenticated request. */
export type SessionState = 'open' | 'revoked';
export type SessionCache = CacheAside<SessionState>;

export type CachedEntitiesOptions = {
  cache: Cache;
  uow: UnitOfWork;
  /** CACHE_TTL_SECONDS. */
  ttlSeconds: number;
  onLookup?(keyspace: string, outcome: CacheOutcome): void;
};

/** Not found is remembered this long at most: long enough to absorb a burst of lookups of one bad id. */
const NOT_FOUND_TTL_SECONDS = 60;

/** The password hash is left out: it stays in the database, and sign-in reads it from there. */
export function toUserView(user: User | UserView): UserView {
  const { id, name, email, status, role, createdAt, updatedAt, version } = user;
  return { id, name, email, status, role, createdAt, updatedAt, version };
}

export function userCache(options: CachedEntitiesOptions): UserCache {
  return new CacheAside<UserView, UserId>({
    cache: options.cache,
    keyspace: 'user',
    ttlSeconds: options.ttlSeconds,
    notFoundTtlSeconds: Math.min(NOT_FOUND_TTL_SECONDS, options.ttlSeconds),
    load: async (id) => {
      const user = await options.uow.read((repos) => repos.users.findById(id));
      return user && toUserView(user);
    },
    encode: (user) => ({ ...user, createdAt: user.createdAt.toISOString(), updatedAt: user.updatedAt.toISOString() }),
    decode: decodeUserView,
    onLookup: options.onLookup,
  });
}

export function sessionCache(options: CachedEntitiesOptions): SessionCache {
  return new CacheAside<SessionState>({
    cache: options.cache,
    keyspace: 'session',
    ttlSeconds: options.ttlSeconds,
    notFoundTtlSeconds: Math.min(NOT_FOUND_TTL_SECONDS, options.ttlSeconds),
    load: async (sessionId) => ((await options.uow.read((repos) => repos.refreshTokens.isSessionRevoked(sessionId))) ? 'revoked' : 'open'),
    encode: (state) => state,
    decode: (data) => (data === 'open' || data === 'revoked' ? data : undefined),
    onLookup: options.onLookup,
  });
}

/**
 * An entry written by another version of the service, or damaged, is a miss rather than a wrong
 * answer: every field is checked, and the next load writes back the current shape.
 */
function decodeUserView(data: unknown): UserView | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const entry = data as Record<string, unknown>;
  const texts = ['id', 'name', 'email', 'createdAt', 'updatedAt'].every((field) => typeof entry[field] === 'string');
  if (!texts || !Number.isSafeInteger(entry.version)) return undefined;
  if (!USER_STATUSES.includes(entry.status as never) || !USER_ROLES.includes(entry.role as never)) return undefined;
  const createdAt = new Date(entry.createdAt as string);
  const updatedAt = new Date(entry.updatedAt as string);
  if (Number.isNaN(createdAt.getTime()) || Number.isNaN(updatedAt.getTime())) return undefined;
  return toUserView({ ...(entry as unknown as UserView), createdAt, updatedAt });
}
