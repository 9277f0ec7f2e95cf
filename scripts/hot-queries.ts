import { MikroOrmUnitOfWork } from '../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import type { Database } from '../src/adapters/persistence/mikro-orm/orm.ts';
import type { PostListQuery } from '../src/application/ports/post-list-query.ts';
import { parseUserSort, type UserListQuery } from '../src/application/ports/user-list-query.ts';
import type { UserId } from '../src/domain/user.ts';

/**
 * Every hot query of the service, as the repositories really send it, with the index it must use.
 * `npm run db:explain` checks them against a real database; test/integration/persistence/
 * query-plans.test.ts checks them on a seeded one, and that no index is left that none of them uses.
 */
export type Sample = Readonly<{ email: string; author: UserId; authors: UserId[]; userSearch: string; postSearch: string }>;

export type HotQuery = Readonly<{
  name: string;
  /** The index the plan must use. */
  index: string;
  /** Which statement of the call to explain: its first word, and whether it reads row_counts. */
  verb?: 'select' | 'update' | 'delete';
  counters?: boolean;
  /**
   * For a search, the count: it must visit every match, so it needs the trigram index whatever the
   * term. The page may rightly walk the date index instead when a term is common (its first 20
   * matches come early), so the page's plan is not held to one index.
   */
  count?: boolean;
  run(uow: MikroOrmUnitOfWork, sample: Sample): Promise<unknown>;
}>;

const DATE_ORDER = parseUserSort('-createdAt');
const users = (query: Partial<UserListQuery>) => (uow: MikroOrmUnitOfWork) =>
  uow.read(({ users: repo }) => repo.list({ sort: DATE_ORDER, limit: 20, ...query }));
const posts = (query: Partial<PostListQuery>) => (uow: MikroOrmUnitOfWork) =>
  uow.read(({ posts: repo }) =>
    repo.list({ visibility: { allDrafts: false, draftsOf: null }, sort: [{ field: 'createdAt', direction: 'desc' }], limit: 20, ...query }),
  );
/** In the default (newest first) order, every row comes after this position: a keyset page from the top. */
const FAR_FUTURE = { values: [new Date('2100-01-01T00:00:00Z')], id: '00000000-0000-7000-8000-000000000000' as UserId };

export const HOT_QUERIES: readonly HotQuery[] = [
  { name: 'user by email (sign-in, uniqueness)', index: 'users_email_lower_unique', run: (uow, s) => uow.read(({ users: r }) => r.findByEmail(s.email)) },
  { name: 'users, default order, page 3', index: 'users_created_at_id_index', run: users({ offset: 40 }) },
  { name: 'users, default order, keyset page', index: 'users_created_at_id_index', run: users({ after: FAR_FUTURE }) },
  { name: 'users, status=active', index: 'users_active_created_at_id_index', run: users({ status: 'active' }) },
  { name: 'users, total of a filter', index: 'row_counts_pkey', counters: true, run: users({ status: 'inactive', role: 'member' }) },
  { name: 'users, search (its total)', index: 'users_search_trgm_index', count: true, run: (uow, s) => users({ search: s.userSearch })(uow) },
  { name: "an author's posts, date order", index: 'posts_author_id_created_at_id_index', run: (uow, s) => posts({ authorId: s.author, offset: 20 })(uow) },
  {
    name: 'include=posts for a page of users',
    index: 'posts_author_id_created_at_id_index',
    run: (uow, s) => uow.read(({ posts: r }) => r.newestByAuthors(s.authors, { allDrafts: false, draftsOf: null }, 10)),
  },
  { name: 'published posts, default order', index: 'posts_published_created_at_id_index', run: posts({ offset: 40 }) },
  { name: 'all posts (an admin), default order', index: 'posts_created_at_id_index', run: posts({ visibility: { allDrafts: true }, offset: 40 }) },
  { name: 'posts, search (its total)', index: 'posts_search_trgm_index', count: true, run: (uow, s) => posts({ search: s.postSearch })(uow) },
  {
    name: 'refresh token presented',
    index: 'refresh_tokens_token_hash_unique',
    verb: 'update',
    run: (uow) => uow.transaction(({ refreshTokens }) => refreshTokens.use('f'.repeat(64), new Date())),
  },
  {
    name: 'session revoked',
    index: 'refresh_tokens_session_id_index',
    verb: 'update',
    run: (uow) => uow.transaction(({ refreshTokens }) => refreshTokens.revokeSession('00000000-0000-7000-8000-000000000000', new Date())),
  },
  {
    name: 'password-reset token confirmed',
    index: 'password_reset_tokens_token_hash_unique',
    verb: 'update',
    run: (uow) => uow.transaction(({ passwordResetTokens }) => passwordResetTokens.consume('f'.repeat(64), new Date())),
  },
  // GET /api/auth/sessions and DELETE /api/auth/sessions/:id: one user's few tokens, grouped by session.
  { name: "a user's live sessions", index: 'refresh_tokens_user_id_index', run: (uow, s) => uow.read(({ refreshTokens }) => refreshTokens.liveSessions(s.author, new Date())) },
  // At each start of the embedded service (its in-process queue lost its messages): only unfinished jobs, however many finished.
  { name: 'unfinished jobs, oldest first', index: 'jobs_unfinished_index', run: (uow) => uow.read(({ jobs }) => jobs.unfinished(100)) },
  // Every 10 minutes (maintenance.requeue): the jobs nobody took, through the same small index.
  { name: 'overdue jobs', index: 'jobs_unfinished_index', run: (uow) => uow.read(({ jobs }) => jobs.overdue(new Date('2024-03-05T00:00:00Z'), 1000)) },
  // The hourly cleanup (retention), one bounded batch of each.
  {
    name: 'cleanup: finished jobs past retention',
    index: 'jobs_finished_updated_at_index',
    verb: 'delete',
    run: (uow) => uow.transaction(({ jobs }) => jobs.deleteFinishedBefore('succeeded', new Date('2024-03-01T03:00:00Z'), 100)),
  },
  {
    name: 'cleanup: processed event ids past retention',
    index: 'processed_events_processed_at_index',
    verb: 'delete',
    run: (uow) => uow.transaction(({ processedEvents }) => processedEvents.deleteRecordedBefore(new Date('2024-03-01T03:00:00Z'), 100)),
  },
  {
    name: 'cleanup: expired password-reset tokens',
    index: 'password_reset_tokens_expires_at_index',
    verb: 'delete',
    run: (uow) => uow.transaction(({ passwordResetTokens }) => passwordResetTokens.deleteExpiredBefore(new Date('2024-01-05T00:00:00Z'), 100)),
  },
  {
    name: 'cleanup: expired idempotency keys',
    index: 'idempotency_keys_expires_at_index',
    verb: 'delete',
    run: (uow) => uow.transaction(({ idempotency }) => idempotency.deleteExpiredBefore(new Date('2024-01-05T00:00:00Z'), 100)),
  },
  {
    name: 'cleanup: expired refresh tokens',
    index: 'refresh_tokens_expires_at_index',
    verb: 'delete',
    run: (uow) => uow.transaction(({ refreshTokens }) => refreshTokens.deleteExpiredBefore(new Date('2024-01-05T00:00:00Z'), 100)),
  },
  // Each POST /api/users/exports: the owner's exports in progress, against the cap.
  {
    name: "an owner's exports in progress",
    index: 'jobs_owner_unfinished_index',
    count: true,
    run: (uow, s) => uow.transaction(({ jobs }) => jobs.countUnfinished(s.author, 'users.export')),
  },
];

/**
 * Statements a user delete's foreign-key cascades run, with the index each needs: PostgreSQL runs
 * them internally, so they are explained as the equivalent statement.
 */
export const CASCADES: readonly Readonly<{ name: string; index: string; sql: (userId: string) => string }>[] = [
  { name: "a user's refresh tokens, on delete", index: 'refresh_tokens_user_id_index', sql: (id) => `delete from refresh_tokens where user_id = '${id}'` },
  { name: "a user's posts, on delete", index: 'posts_author_id_created_at_id_index', sql: (id) => `delete from posts where author_id = '${id}'` },
];

/** Sample values that exist in the database, so each query finds what real traffic would. */
export async function sampleOf(database: Database): Promise<Sample> {
  const connection = database.orm.em.fork().getConnection();
  const one = async <T>(sql: string) => ((await connection.execute<T[]>(sql)) as T[])[0] as T;
  const { email } = await one<{ email: string }>('select email from users order by created_at desc limit 1');
  const authors = ((await connection.execute<{ id: string }[]>('select author_id as id from posts group by author_id order by count(*) desc limit 20')) as {
    id: string;
  }[]).map((row) => row.id as UserId);
  const { name } = await one<{ name: string }>('select name from users order by created_at limit 1');
  const { title } = await one<{ title: string }>('select title from posts order by created_at limit 1');
  // A piece from the middle of a real value: selective, like a person's search would be.
  const middle = (text: string) => text.slice(Math.floor(text.length / 2) - 3, Math.floor(text.length / 2) + 3);
  return { email, author: authors[0] as UserId, authors, userSearch: middle(name), postSearch: middle(title) };
}

export type Explained = Readonly<{ name: string; index: string; used: boolean; plan: string }>;

/** Runs every hot query, captures the statements it sends, and EXPLAINs the one that matters. */
export async function explainHotQueries(database: Database, sample: Sample): Promise<Explained[]> {
  const platform = database.orm.config.getPlatform();
  let captured: string[] = [];
  const previous = database.orm.config.get('onQuery');
  database.orm.config.set('onQuery', (sql: string, params: readonly unknown[]) => {
    captured.push(platform.formatQuery(sql, params));
    return previous(sql, params);
  });
  const connection = database.orm.em.fork().getConnection();
  const explain = async (sql: string) =>
    ((await connection.execute<Record<string, string>[]>(`explain ${sql}`)) as Record<string, string>[]).map((row) => row['QUERY PLAN']).join('\n');
  const results: Explained[] = [];
  try {
    for (const query of HOT_QUERIES) {
      captured = [];
      await query.run(new MikroOrmUnitOfWork(database.orm), sample);
      const verb = query.verb ?? 'select';
      const statement = captured.find(
        (sql) => sql.startsWith(verb) && sql.includes('"row_counts"') === (query.counters ?? false) && /\bcount\(/.test(sql) === (query.count ?? false),
      );
      const plan = statement ? await explain(statement) : '(no statement sent)';
      results.push({ name: query.name, index: query.index, used: plan.includes(query.index), plan });
    }
    for (const cascade of CASCADES) {
      // Explained inside a transaction that is rolled back: EXPLAIN does not run it, but be sure.
      const plan = await explain(cascade.sql(sample.author));
      results.push({ name: cascade.name, index: cascade.index, used: plan.includes(cascade.index), plan });
    }
  } finally {
    database.orm.config.set('onQuery', previous);
  }
  return results;
}

/** Every index in the schema no hot query relies on: candidates to drop. Primary keys are exempt. */
export async function unusedIndexes(database: Database): Promise<string[]> {
  const connection = database.orm.em.fork().getConnection();
  const all = (await connection.execute<{ name: string }[]>(
    `select indexname as name from pg_indexes where schemaname = current_schema() and indexname not like '%_pkey' and tablename <> 'mikro_orm_migrations'`,
  )) as { name: string }[];
  const needed = new Set([...HOT_QUERIES, ...CASCADES].map((query) => query.index));
  return all.map((row) => row.name).filter((name) => !needed.has(name)).sort();
}
