import type { Hono } from 'hono';
import { pino } from 'pino';
import { InMemoryCache } from '../../src/adapters/cache/in-memory-cache.ts';
import { createApp } from '../../src/adapters/http/app.ts';
import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import type { Database } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { InMemoryRateLimiter } from '../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { SealedCursorCodec } from '../../src/adapters/security/sealed-cursor-codec.ts';
import { JoseTokenService } from '../../src/adapters/security/jose-token-service.ts';
import { ScryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.ts';
import { loadSigningKey } from '../../src/adapters/security/signing-key.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import type { Cache } from '../../src/application/ports/cache.ts';
import { createUseCases, type UseCases } from '../../src/composition/use-cases.ts';
import { checkedAgainstDocument } from './document-checked-app.ts';
import { CHEAP_SCRYPT, TEST_AUTH_SETTINGS, TEST_TOKEN_SETTINGS, UNLIMITED } from './http-app.ts';

/** Jobs started through `app` wait in the outbox: no relay or worker runs here. */
export type DatabaseApp = { app: Hono; useCases: UseCases; tokens: JoseTokenService };

/**
 * The use cases and the HTTP app over a real database (PGlite or PostgreSQL), wired like the
 * composition root (src/composition/bootstrap.ts) but with a cheap scrypt cost and a silent logger.
 */
export async function buildDatabaseApp(database: Database, options: { cache?: Cache } = {}): Promise<DatabaseApp> {
  const clock = new SystemClock();
  const tokens = new JoseTokenService(await loadSigningKey(), TEST_TOKEN_SETTINGS);
  const useCases = createUseCases({
    uow: new MikroOrmUnitOfWork(database.orm),
    ids: new UuidV7Ids(),
    clock,
    hasher: new ScryptPasswordHasher(CHEAP_SCRYPT),
    cursors: new SealedCursorCodec('a-test-secret-of-at-least-32-characters'),
    tokens,
    limiter: new InMemoryRateLimiter(clock),
    auth: { ...TEST_AUTH_SETTINGS, refreshTtlSeconds: 3600 },
    cache: options.cache ?? new InMemoryCache(clock),
    cacheTtlSeconds: 3600,
  });
  // Checked against the document like the e2e apps (document-checked-app.ts), here over a real database.
  const app = checkedAgainstDocument(createApp({
    logger: pino({ level: 'silent' }),
    readiness: async () => ({ ready: true, checks: { database: 'up' } }),
    users: useCases.users,
    posts: useCases.posts,
    auth: useCases.auth,
    jobs: useCases.jobs,
    idempotency: useCases.idempotency,
    jwks: () => tokens.jwks(),
    rateLimit: UNLIMITED,
  }));
  return { app, useCases, tokens };
}
