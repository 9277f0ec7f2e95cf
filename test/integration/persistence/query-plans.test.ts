import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import type { PostListQuery, PostVisibility } from '../../../src/application/ports/post-list-query.ts';
import { parseUserSort, type UserListQuery } from '../../../src/application/ports/user-list-query.ts';
import type { UserId } from '../../../src/domain/user.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { explainHotQueries, sampleOf, unusedIndexes } from '../../../scripts/hot-queries.ts';

const ROWS = 20_000;
/**
 * One user in twenty writes, thirty posts each; one more writes HEAVY posts, the author a reader
 * pages through. With fewer posts per author than `include=posts` embeds, PostgreSQL rightly
 * prefers to read an author's few rows through a bitmap of the same index and sort them.
 */
const POSTING_AUTHORS = ROWS / 20;
const POSTS = POSTING_AUTHORS * 30;
const HEAVY = 2_000;
const PUBLISHED_ONLY: PostVisibility = { allDrafts: false, draftsOf: null };

/**
 * The indexes the migration promises are the ones PostgreSQL picks for the SQL the repository
 * really emits: each statement is captured on its way to the driver and then EXPLAINed.
 */
describe('query plans on PostgreSQL', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let client: pg.Client;
  let captured: string[] = [];
  let heavyAuthor: UserId;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    await database.migrate();
    const platform = database.orm.config.getPlatform();
    database.orm.config.set('onQuery', (sql: string, params: readonly unknown[]) => {
      captured.push(platform.formatQuery(sql, params));
      return sql;
    });
    client = new pg.Client({ connectionString: testDatabase.url });
    await client.connect();
    await client.query(
      `insert into users
       select gen_random_uuid(), 'User ' || md5(i::text), md5(i::text) || '@example.com',
              case when i % 10 < 7 then 'active' when i % 10 < 9 then 'inactive' else 'suspended' end,
              case when i % 50 = 0 then 'admin' else 'member' end,
              null, timestamptz '2024-01-01' + i * interval '1 minute', timestamptz '2024-01-01' + i * interval '1 minute', 1
       from generate_series(1, $1::int) as i`,
      [ROWS],
    );
    // One refresh token per user, each in a session of its own, so a session's rows are a needle too.
    await client.query(
      `insert into refresh_tokens
       select gen_random_uuid(), gen_random_uuid(), id, encode(sha256(id::text::bytea), 'hex'), created_at,
              -- 1 in 10 expired long ago (what the cleanup removes), the rest current: what a live table holds
              case when extract(minute from created_at)::int % 10 = 0 then created_at + interval '30 days' else now() + interval '30 days' end, null, null
       from users`,
    );
    // Resets asked for by 1 user in 5 within the last hour (the hourly cleanup keeps no more): half of them expired.
    await client.query(
      `insert into password_reset_tokens
       select id, encode(sha256(('reset ' || id)::text::bytea), 'hex'), at, at + interval '30 minutes', null
       from (select id, now() - (extract(minute from created_at)::int * interval '1 minute') as at from users
             where extract(minute from created_at)::int % 5 = 0) as asked`,
    );
    // Posts i = 1..POSTS go to the users numbered 0, 20, 40, ... in creation order; 7 in 10 are published.
    await client.query(
      `insert into posts
       select gen_random_uuid(), u.id, 'Post ' || md5('title ' || i), 'Body ' || md5('body ' || i),
              case when i % 10 < 7 then 'published' else 'draft' end,
              timestamptz '2024-01-01' + i * interval '1 minute', timestamptz '2024-01-01' + i * interval '1 minute', 1
       from generate_series(1, $1::int) as i
       join (select id, row_number() over (order by created_at) - 1 as n from users) u on u.n = i % $2::int * 20`,
      [POSTS, POSTING_AUTHORS],
    );
    heavyAuthor = (await client.query(`select id from users order by created_at offset 5 limit 1`)).rows[0].id;
    await client.query(
      `insert into posts
       select gen_random_uuid(), $1, 'Heavy ' || i, 'A long story', case when i % 4 = 0 then 'draft' else 'published' end,
              timestamptz '2024-02-01' + i * interval '1 minute', timestamptz '2024-02-01' + i * interval '1 minute', 1
       from generate_series(1, $2::int) as i`,
      [heavyAuthor, HEAVY],
    );
    // Jobs as they pile up: one export per user and a few more, nearly all finished (1 in 100 queued or running).
    await client.query(
      `insert into jobs
       select gen_random_uuid(), case when i % 3 = 0 then 'email.welcome' else 'users.export' end, '{}',
              case when i % 100 = 0 then 'queued' when i % 100 = 1 then 'running' when i % 100 = 2 then 'failed' else 'succeeded' end,
              1, 3, u.id, timestamptz '2024-03-01' + i * interval '1 minute', timestamptz '2024-03-01' + i * interval '1 minute',
              timestamptz '2024-03-01' + i * interval '1 minute', null, null, null
       from generate_series(1, $1::int) as i
       join (select id, row_number() over (order by created_at) as n from users) u on u.n = 1 + i % $1::int`,
      [ROWS * 2],
    );
    // Event ids consumers recorded, one per minute.
    await client.query(
      `insert into processed_events
       select 'consumer-' || (i % 3), gen_random_uuid(), timestamptz '2024-03-01' + i * interval '1 minute'
       from generate_series(1, $1::int) as i`,
      [ROWS],
    );
    // Idempotency keys, one claimed a minute, each kept 24 hours; all answered.
    await client.query(
      `insert into idempotency_keys
       select 'user:' || (i % 50), 'key-' || i, md5('request ' || i), gen_random_uuid()::text, at, at + interval '1 minute', at + interval '24 hours',
              201, '{}', '{"data":{}}'
       from (select i, timestamptz '2024-01-03 12:00' + i * interval '1 minute' as at from generate_series(1, $1::int) as i) as claimed`,
      [ROWS],
    );
    // VACUUM fills the visibility map, which index-only scans need; ANALYZE gives the planner real sizes.
    await client.query('vacuum analyze users, refresh_tokens, password_reset_tokens, posts, jobs, processed_events, idempotency_keys');
  });

  afterAll(async () => {
    await client?.end();
    await database?.close();
    await testDatabase?.drop();
  });

  /**
   * Runs a repository call and returns the plans of the statements it sent, the total read from
   * row_counts aside (`counters: true` returns only those).
   */
  async function plansOf(call: (uow: MikroOrmUnitOfWork) => Promise<unknown>, verb = 'select', counters = false): Promise<string[]> {
    captured = [];
    await call(new MikroOrmUnitOfWork(database.orm));
    const statements = captured.filter((sql) => sql.startsWith(verb) && sql.includes('"row_counts"') === counters);
    expect(statements.length).toBeGreaterThan(0);
    return Promise.all(
      statements.map(async (sql) => (await client.query(`explain ${sql}`)).rows.map((row) => row['QUERY PLAN']).join('\n')),
    );
  }
  const listing = (query: Partial<UserListQuery>) => (uow: MikroOrmUnitOfWork) =>
    uow.read(({ users }) => users.list({ sort: parseUserSort('-createdAt'), limit: 20, ...query }));

  it('serves the default order from the composite index, with no sort step', async () => {
    const [page] = await plansOf(listing({ offset: 40 }));
    expect(page).toContain('users_created_at_id_index');
    expect(page).not.toMatch(/\bSort\b/);
  });

  it('serves keyset continuation of the default order from the same index', async () => {
    const after = { values: [new Date('2024-01-05T00:00:00Z')], id: '00000000-0000-7000-8000-000000000000' as UserId };
    const [page] = await plansOf(listing({ after }));
    expect(page).toMatch(/Index (Only )?Scan using users_created_at_id_index/);
    expect(page).not.toMatch(/\bSort\b/);
  });

  it('takes an offset page\'s exact total from the trigger-kept counters, not a count over users', async () => {
    for (const query of [{}, { status: 'active' as const }, { status: 'inactive' as const, role: 'admin' as const }]) {
      expect(await plansOf(listing({ offset: 40, ...query }))).toHaveLength(1); // the page; no count(*)
      const [total] = await plansOf(listing({ offset: 40, ...query }), 'select', true);
      expect(total).toContain('row_counts_pkey');
    }
  });

  it('serves the active-only listing from the partial index', async () => {
    const [page] = await plansOf(listing({ status: 'active' }));
    expect(page).toContain('users_active_created_at_id_index');
    expect(page).not.toMatch(/\bSort\b/);
  });

  it('serves a search, its page and its total together (a window count), from the trigram index in one scan', async () => {
    const plans = await plansOf(listing({ search: md5Fragment() }));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain('users_search_trgm_index');
    expect(plans[0]).toContain('WindowAgg');
  });

  it('finds by email through the unique index, and a credentials lookup needs no heap', async () => {
    const [lookup] = await plansOf((uow) => uow.read(({ users }) => users.findByEmail('c4ca4238a0b923820dcc509a6f75849b@example.com')));
    expect(lookup).toContain('users_email_lower_unique');
    const credentials = await client.query(
      `explain select id, status, role, password_hash from users where lower(email) = lower($1)`,
      ['c4ca4238a0b923820dcc509a6f75849b@example.com'],
    );
    expect(credentials.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('Index Only Scan using users_email_lower_unique');
  });

  it('presents a refresh token through the unique hash index, and revokes a session through its index', async () => {
    const hash = 'f'.repeat(64);
    const present = (uow: MikroOrmUnitOfWork) => uow.transaction(({ refreshTokens }) => refreshTokens.use(hash, new Date('2024-02-01T00:00:00Z')));
    // The conditional UPDATE, and the SELECT that classifies a token it did not rotate.
    for (const verb of ['update', 'select']) expect((await plansOf(present, verb))[0]).toContain('refresh_tokens_token_hash_unique');
    const [revoke] = await plansOf(
      (uow) => uow.transaction(({ refreshTokens }) => refreshTokens.revokeSession('00000000-0000-7000-8000-000000000000', new Date())),
      'update',
    );
    expect(revoke).toContain('refresh_tokens_session_id_index');
  });

  it('runs every hot query of `npm run db:explain` on its intended index, and keeps no index none of them uses', async () => {
    const results = await explainHotQueries(database, await sampleOf(database));
    expect(results.length).toBeGreaterThan(10);
    expect(results.filter((result) => !result.used).map((result) => `${result.name}: wanted ${result.index}\n${result.plan}`)).toEqual([]);
    expect(await unusedIndexes(database)).toEqual([]);
  });

  describe('posts', () => {
    const postListing = (query: Partial<PostListQuery>) => (uow: MikroOrmUnitOfWork) =>
      uow.read(({ posts }) => posts.list({ visibility: PUBLISHED_ONLY, sort: [{ field: 'createdAt', direction: 'desc' }], limit: 20, ...query }));

    it("serves an author's posts in date order from the (author_id, created_at, id) index, with no sort step", async () => {
      // The author's own view (every own draft) and another reader's (published only) alike.
      for (const visibility of [{ allDrafts: false, draftsOf: heavyAuthor }, PUBLISHED_ONLY] as const) {
        const [page] = await plansOf(postListing({ authorId: heavyAuthor, visibility, offset: 20 }));
        expect(page).toMatch(/Index Scan using posts_author_id_created_at_id_index/);
        expect(page).not.toMatch(/\bSort\b/);
      }
    });

    it('serves newestByAuthors in one statement, one bounded probe of the author index per author', async () => {
      const authors = (await client.query(`select distinct author_id as id from posts order by 1 limit 100`)).rows.map((row) => row.id as UserId);
      const newest = (uow: MikroOrmUnitOfWork) =>
        uow.read(({ posts }) => posts.newestByAuthors(authors, { allDrafts: false, draftsOf: authors[0] as UserId }, 10));
      const [plan] = await plansOf(newest);
      expect(captured).toHaveLength(1);
      expect(plan).toMatch(/Nested Loop[\s\S]*Function Scan on unnest[\s\S]*Limit[\s\S]*Index Scan using posts_author_id_created_at_id_index/);
      expect(plan).not.toMatch(/Seq Scan on posts/);
      // Inside each lateral iteration the index hands rows over in order: no sort under the Limit.
      const perAuthor = (plan as string).slice((plan as string).indexOf('->  Limit'));
      expect(perAuthor).not.toMatch(/\bSort\b/);
    });

    it('serves the published listing from the partial index, offset and keyset pages alike', async () => {
      const [page] = await plansOf(postListing({ offset: 40 }));
      expect(page).toContain('posts_published_created_at_id_index');
      expect(page).not.toMatch(/\bSort\b/);
      const after = { values: [new Date('2024-01-05T00:00:00Z')], id: '00000000-0000-7000-8000-000000000000' };
      const [continued] = await plansOf(postListing({ after }));
      expect(continued).toMatch(/Index (Only )?Scan using posts_published_created_at_id_index/);
      expect(continued).not.toMatch(/\bSort\b/);
    });

    it('serves search in title or body, page and count, from the trigram index', async () => {
      const fragment = createHash('md5').update('title 1234').digest('hex').slice(10, 16).toUpperCase();
      for (const visibility of [PUBLISHED_ONLY, { allDrafts: true } as const]) {
        const plans = await plansOf(postListing({ search: fragment, visibility }));
        expect(plans).toHaveLength(2);
        for (const plan of plans) expect(plan).toContain('posts_search_trgm_index');
      }
    });
  });
});

/** Six characters from the middle of md5('1234'): present in a handful of names and emails only. */
function md5Fragment(): string {
  return '81dc9b'.toUpperCase();
}
