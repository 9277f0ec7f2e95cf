import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { buildDatabaseApp } from '../../support/database-app.ts';
import { createTestDatabase } from '../../support/postgres.ts';

/**
 * No N+1: `include=posts` embeds every user's newest posts in a bounded number of statements,
 * whatever the page size. Counted on real PostgreSQL, at the driver (MikroORM's onQuery hook),
 * per request.
 */
const USERS = 30;
const POSTS_EACH = 12;
let database: Database;
let drop: () => Promise<void>;
let app: Hono;
let statements: string[] = [];
let adminToken: string;
let memberToken: string;
let memberId: string;

beforeAll(async () => {
  const testDatabase = await createTestDatabase();
  drop = testDatabase.drop;
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' }, { onQuery: (sql) => void statements.push(sql) });
  await database.migrate();
  const built = await buildDatabaseApp(database);
  app = built.app;
  const connection = database.orm.em.fork().getConnection();
  // Users created a minute apart, each with posts a second apart; every third post a draft.
  await connection.execute(
    `insert into users (id, name, email, status, role, password_hash, created_at, updated_at, version)
     select gen_random_uuid(), 'User ' || i, 'user' || i || '@example.com', 'active', case when i = 1 then 'admin' else 'member' end,
            null, t, t, 1
     from generate_series(1, ${USERS}) i, lateral (select timestamptz '2024-01-01' + make_interval(mins => i) as t) x`,
  );
  await connection.execute(
    `insert into posts (id, author_id, title, body, status, created_at, updated_at, version)
     select gen_random_uuid(), u.id, 'Post ' || k || ' of ' || u.name, 'Body', case when k % 3 = 0 then 'draft' else 'published' end,
            u.created_at + make_interval(secs => k), u.created_at + make_interval(secs => k), 1
     from users u, generate_series(1, ${POSTS_EACH}) k`,
  );
  const [admin, member] = (await connection.execute(`select id, email, role from users where email in ('user1@example.com', 'user2@example.com') order by email`)) as {
    id: string;
    email: string;
    role: 'admin' | 'member';
  }[];
  const token = async (user: { id: string; email: string; role: 'admin' | 'member' }) =>
    (await built.tokens.issueAccessToken({ id: user.id as never, email: user.email, role: user.role, sessionId: crypto.randomUUID() })).token;
  adminToken = await token(admin as never);
  memberToken = await token(member as never);
  memberId = (member as { id: string }).id;
});

afterAll(async () => {
  await database?.close();
  await drop?.();
});

type Embedded = { id: string; posts?: { authorId: string; status: string; createdAt: string }[] };

/** The response and the statements it took (the holder check is cached after the first request). */
async function get(path: string, token = adminToken): Promise<{ body: { data: Embedded[] | Embedded }; count: number }> {
  await app.request(path, { headers: { Authorization: `Bearer ${token}` } }); // warm the holder cache
  statements = [];
  const res = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return { body: (await res.json()) as { data: Embedded[] | Embedded }, count: statements.length };
}

describe('include=posts', () => {
  it('takes the same few statements for a page of 1, 10 or 30 users', async () => {
    const counts: number[] = [];
    for (const limit of [1, 10, 30]) {
      const { body, count } = await get(`/api/users?include=posts&limit=${limit}`);
      expect(body.data).toHaveLength(limit);
      counts.push(count);
    }
    // The page, its count, and one statement for every user's posts.
    expect(counts).toEqual([3, 3, 3]);
    const { count: withoutPosts } = await get('/api/users?limit=30');
    expect(counts[2]).toBe(withoutPosts + 1);
  });

  it('embeds at most 10 posts per user, newest first; drafts only for their author (and admins)', async () => {
    const asAdmin = (await get('/api/users?include=posts&limit=30')).body.data as Embedded[];
    for (const user of asAdmin) {
      expect(user.posts).toHaveLength(10);
      const times = (user.posts ?? []).map((post) => post.createdAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(user.posts?.every((post) => post.authorId === user.id)).toBe(true);
    }
    expect(asAdmin.some((user) => user.posts?.some((post) => post.status === 'draft'))).toBe(true);

    const asMember = (await get('/api/users?include=posts&limit=30', memberToken)).body.data as Embedded[];
    for (const user of asMember) {
      const drafts = (user.posts ?? []).filter((post) => post.status === 'draft');
      if (user.id === memberId) expect(drafts.length).toBeGreaterThan(0);
      else expect(drafts).toEqual([]);
      // Of 12 posts, 8 are published: a member sees those 8 of another user, its own 10 newest.
      expect(user.posts).toHaveLength(user.id === memberId ? 10 : 8);
    }
  });

  it('on one user too: one statement more than without include', async () => {
    const { body, count } = await get(`/api/users/${memberId}?include=posts`);
    expect((body.data as Embedded).posts).toHaveLength(10);
    const { count: plain } = await get(`/api/users/${memberId}`);
    expect(count).toBe(plain + 1);
  });
});
