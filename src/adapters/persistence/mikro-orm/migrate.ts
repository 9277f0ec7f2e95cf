import type { SqlOrm } from './orm.ts';

/**
 * Any fixed 64-bit number; it only has to be the same for every instance of this service and
 * unlikely to collide with other advisory locks taken on the same database.
 */
const MIGRATION_LOCK_KEY = '7283146531044001';

/** Applies pending migrations with no coordination: for the embedded database, which has one owner. */
export async function migrateUnlocked(orm: SqlOrm): Promise<void> {
  await orm.migrator.up();
}

/**
 * Applies pending migrations while holding a session-level advisory lock on a connection of its
 * own: the migrator runs each migration in its own transaction on pooled connections, so a
 * transaction-level lock could not cover the whole run. Instances that start together queue here;
 * the later ones find nothing pending. The lock goes with the session, so a crash cannot leave it held.
 */
export async function migrateWithAdvisoryLock(orm: SqlOrm, databaseUrl: string): Promise<void> {
  // Imported here so the embedded (PGlite) mode never loads the PostgreSQL client.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  // An 'error' event without a listener would crash the process if the server drops us mid-run.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await orm.migrator.up();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
