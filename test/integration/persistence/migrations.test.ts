import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { createTestDatabase } from '../../support/postgres.ts';

import { migrationsList } from '../../../src/adapters/persistence/mikro-orm/migrations/index.ts';

const APPLIED = migrationsList.map(({ name }) => ({ name }));

describe('migrations on PostgreSQL', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  const opened: Database[] = [];
  const open = async () => {
    const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    opened.push(database);
    return database;
  };
  const query = async (sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: testDatabase.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
    await testDatabase.drop();
  });

  it('lets instances starting together both succeed, recording each migration once', async () => {
    const [first, second] = await Promise.all([open(), open()]);
    await Promise.all([first.migrate(), second.migrate(), first.migrate()]);
    expect(await query('select name from mikro_orm_migrations')).toEqual(APPLIED);
    expect(await first.ping()).toBe(true);
    const [{ count }] = await query('select count(*)::int as count from users');
    expect(count).toBe(0);
  });

  it('waits for the advisory lock another session holds before migrating', async () => {
    const holder = new pg.Client({ connectionString: testDatabase.url });
    await holder.connect();
    try {
      // The same key the adapter uses; while it is held, no instance may start migrating.
      await holder.query('select pg_advisory_lock($1)', ['7283146531044001']);
      const database = await open();
      let finished = false;
      const migrating = database.migrate().then(() => (finished = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      expect(await query(`select to_regclass('public.users') as users`)).toEqual([{ users: null }]);
    expect(await query(`select to_regclass('public.posts') as posts, to_regclass('public.row_counts') as counts`)).toEqual([{ posts: null, counts: null }]);
      await holder.query('select pg_advisory_unlock($1)', ['7283146531044001']);
      await migrating;
      expect(await query('select name from mikro_orm_migrations')).toEqual(APPLIED);
    } finally {
      await holder.end();
    }
  });

  it('starts on an up-to-date schema without the lock, and still waits for it when one migration is missing', async () => {
    await (await open()).migrate();
    const holder = new pg.Client({ connectionString: testDatabase.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', ['7283146531044001']);
      // Everything recorded: nothing to wait for, though another instance holds the lock.
      await (await open()).migrate();

      const last = APPLIED.at(-1)?.name;
      await query('delete from mikro_orm_migrations where name = $1', [last]);
      let finished = false;
      const migrating = (await open()).migrate().then(
        () => (finished = true),
        () => (finished = true),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(finished).toBe(false);
      await holder.query('select pg_advisory_unlock($1)', ['7283146531044001']);
      await migrating;
    } finally {
      await holder.end();
    }
  });

  it('creates the table with its constraints and indexes, and down() removes it', async () => {
    const database = await open();
    await database.migrate();
    const indexes = await query(`select indexname from pg_indexes where tablename = 'users' order by indexname`);
    expect(indexes.map((row) => row.indexname)).toEqual([
      'users_active_created_at_id_index',
      'users_created_at_id_index',
      'users_email_lower_unique',
      'users_pkey',
      'users_search_trgm_index',
    ]);
    await expect(
      query(`insert into users values (gen_random_uuid(), 'x', 'x@example.com', 'bogus', 'member', null, now(), now(), 1)`),
    ).rejects.toThrow(/users_status_check/);
    await expect(
      query(`insert into users values (gen_random_uuid(), 'x', 'x@example.com', 'active', 'root', null, now(), now(), 1)`),
    ).rejects.toThrow(/users_role_check/);
    const tokenIndexes = await query(`select indexname from pg_indexes where tablename = 'refresh_tokens' order by indexname`);
    expect(tokenIndexes.map((row) => row.indexname)).toEqual([
      'refresh_tokens_expires_at_index',
      'refresh_tokens_pkey',
      'refresh_tokens_session_id_index',
      'refresh_tokens_token_hash_unique',
      'refresh_tokens_user_id_index',
    ]);
    const resetIndexes = await query(`select indexname from pg_indexes where tablename = 'password_reset_tokens' order by indexname`);
    expect(resetIndexes.map((row) => row.indexname)).toEqual([
      'password_reset_tokens_expires_at_index',
      'password_reset_tokens_pkey',
      'password_reset_tokens_token_hash_unique',
    ]);
    // The search indexes merge their pending lists in small pieces (see the migration for why).
    const options = await query(
      `select relname, reloptions::text as options from pg_class where relname in ('users_search_trgm_index', 'posts_search_trgm_index') order by relname`,
    );
    expect(options).toEqual([
      { relname: 'posts_search_trgm_index', options: '{gin_pending_list_limit=128}' },
      { relname: 'users_search_trgm_index', options: '{gin_pending_list_limit=128}' },
    ]);
    // Every migration, newest first: refresh_tokens must go before the users table it references.
    await database.orm.migrator.down({ to: 0 });
    expect(await query(`select to_regclass('public.refresh_tokens') as tokens, to_regclass('public.password_reset_tokens') as resets`)).toEqual([{ tokens: null, resets: null }]);
    expect(await query(`select to_regclass('public.users') as users`)).toEqual([{ users: null }]);
    expect(await query(`select to_regclass('public.posts') as posts, to_regclass('public.row_counts') as counts`)).toEqual([{ posts: null, counts: null }]);
    expect(await query('select name from mikro_orm_migrations')).toEqual([]);
    await database.migrate();
    expect(await query(`select to_regclass('public.users')::text as users`)).toEqual([{ users: 'users' }]);
  });
});
