import type pg from 'pg';
import type { SqlOrm } from './orm.ts';
import { migrationsList } from './migrations/index.ts';

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
    if (await nothingPending(client, orm)) return;
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

/**
 * The usual start, on an up-to-date schema: one query and no lock. Safe without the lock, because
 * migrations are only ever added: one recorded as applied stays applied. No table yet: not up to date.
 */
async function nothingPending(client: pg.Client, orm: SqlOrm): Promise<boolean> {
  const table = client.escapeIdentifier(orm.config.get('migrations').tableName ?? 'mikro_orm_migrations');
  try {
    const { rows } = await client.query<{ name: string }>(`select name from ${table}`);
    const applied = new Set(rows.map(({ name }) => name));
    return migrationsList.every(({ name }) => applied.has(name));
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return false; // undefined_table: a new database
    throw error;
  }
}
