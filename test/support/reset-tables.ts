import type { Database } from '../../src/adapters/persistence/mikro-orm/orm.ts';

/**
 * Empties every table between tests, in one statement (PostgreSQL refuses to truncate "users"
 * alone while foreign keys point at it). TRUNCATE fires no row triggers, so the trigger-kept
 * totals in "row_counts" are emptied with the rows they count.
 */
export async function resetTables(database: Database): Promise<void> {
  await database.orm.em.fork().getConnection().execute('truncate table "users", "refresh_tokens", "posts", "row_counts", "outbox", "processed_events", "jobs", "password_reset_tokens", "idempotency_keys"');
}
