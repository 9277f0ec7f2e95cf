import type { Hono } from 'hono';
import type { Config } from './config.ts';
import type { Logger } from './adapters/logging/logger.ts';
import { createApp } from './adapters/http/app.ts';
import { openDatabase, type Database } from './adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmUnitOfWork } from './adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { HmacCursorCodec } from './adapters/security/hmac-cursor-codec.ts';
import { ScryptPasswordHasher } from './adapters/security/scrypt-password-hasher.ts';
import { SystemClock } from './adapters/system/system-clock.ts';
import { UuidV7Ids } from './adapters/system/uuid-v7-ids.ts';
import { createUserUseCases } from './user-use-cases.ts';

export type Service = {
  app: Hono;
  database: Database;
  /** From now on /readyz answers 503, so a load balancer stops sending new requests. */
  beginShutdown(): void;
  /** Releases every outbound resource (the ORM and its pool); call after the server has drained. */
  close(): Promise<void>;
};

/**
 * The composition root: the one place that knows every adapter. It reads only the parsed
 * config, builds the adapters it names, applies pending migrations, and hands use cases to the
 * inbound adapter. Plain `new` and function calls, no container.
 */
export async function bootstrap(config: Config, logger: Logger): Promise<Service> {
  warnAboutUnusedSettings(config, logger);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  logger.info({ database: database.kind }, 'database ready, migrations applied');

  const uow = new MikroOrmUnitOfWork(database.orm);
  const clock = new SystemClock();
  const ids = new UuidV7Ids();
  const hasher = new ScryptPasswordHasher();
  const cursors = new HmacCursorCodec(config.CURSOR_SECRET);

  const shutdown = new AbortController();
  const app = createApp({
    users: createUserUseCases({ uow, ids, clock, hasher, cursors }),
    logger,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    shutdownSignal: shutdown.signal,
    readiness: async () => {
      const databaseUp = await database.ping();
      return { ready: databaseUp, checks: { database: databaseUp ? 'up' : 'down' } };
    },
  });

  return {
    app,
    database,
    beginShutdown: () => shutdown.abort(),
    close: () => database.close(),
  };
}

/** Settings the contract defines whose adapters are not built yet: say so rather than ignore them. */
function warnAboutUnusedSettings(config: Config, logger: Logger): void {
  if (config.REDIS_URL) logger.warn('REDIS_URL is set, but this version keeps cache and rate limits in process');
  if (config.NATS_URL) logger.warn('NATS_URL is set, but this version delivers events in process');
  if (config.ADMIN_EMAIL) logger.warn('ADMIN_EMAIL is set, but this version does not create the admin yet: it arrives with authentication');
  if (config.DATABASE_URL && !config.CURSOR_SECRET) {
    logger.warn('CURSOR_SECRET is not set: list cursors are signed with a per-process key, so one instance refuses another\'s');
  }
}
