import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import type { Post, PostId } from '../../../src/domain/post.ts';
import { aUser } from '../../support/builders.ts';
import { createTestDatabase } from '../../support/postgres.ts';

/**
 * The trigger-kept totals (Migration20261124000000_row_counters) stay exactly equal to a real
 * count on PostgreSQL: under concurrent writers, through updates that move rows between keys,
 * cascades, bulk statements, and rollbacks.
 */
let database: Database;
let drop: () => Promise<void>;
let uow: MikroOrmUnitOfWork;

beforeAll(async () => {
  const testDatabase = await createTestDatabase();
  drop = testDatabase.drop;
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  uow = new MikroOrmUnitOfWork(database.orm);
});

afterAll(async () => {
  await database?.close();
  await drop?.();
});

const sql = <T>(text: string) => database.orm.em.fork().getConnection().execute<T[]>(text) as Promise<T[]>;

/** Every counter next to the real count of what it counts; they must be equal, key by key. */
async function countersAndTruth(): Promise<{ counters: Record<string, number>; truth: Record<string, number> }> {
  const counters = Object.fromEntries(
    (await sql<{ key: string; n: string }>('select key, sum(n) as n from row_counts group by key')).map(({ key, n }) => [key, Number(n)]),
  );
  const truth = Object.fromEntries(
    (
      await sql<{ key: string; n: string }>(`
        select k as key, count(*) as n from users r, user_count_keys(r.status, r.role) k group by k
        union all select k, count(*) from posts r, post_count_keys(r.status) k group by k`)
    ).map(({ key, n }) => [key, Number(n)]),
  );
  // A key whose rows are all gone keeps a zero sum: that is a count of 0, like no row at all.
  for (const [key, n] of Object.entries(counters)) if (n === 0 && !(key in truth)) delete counters[key];
  return { counters, truth };
}

const aPost = (authorId: string, n: number, status: Post['status'] = 'published'): Post => ({
  id: crypto.randomUUID() as PostId,
  authorId: authorId as Post['authorId'],
  title: `Post ${n}`,
  body: 'Body',
  status,
  createdAt: new Date(),
  updatedAt: new Date(),
  version: 1,
});

describe('row counters on PostgreSQL', () => {
  it('match a real count after concurrent creates, moves between keys, deletes, cascades and rollbacks', async () => {
    const statuses = ['active', 'inactive', 'suspended'] as const;
    const users = Array.from({ length: 60 }, (_, i) => aUser().withStatus(statuses[i % 3] ?? 'active').withRole(i % 7 === 0 ? 'admin' : 'member').build());
    // 60 concurrent transactions, each a user and two posts.
    await Promise.all(
      users.map((user, i) =>
        uow.transaction(async (repos) => {
          await repos.users.add(user);
          await repos.posts.add(aPost(user.id, i, i % 2 ? 'draft' : 'published'));
          await repos.posts.add(aPost(user.id, i + 100));
        }),
      ),
    );
    // Concurrent moves: suspend a third, promote some; an update that changes nothing counted.
    await Promise.all(
      users.slice(0, 20).map((user) =>
        uow.transaction((repos) => repos.users.update({ ...user, status: 'suspended', role: 'admin', version: 2 }, 1)),
      ),
    );
    await uow.transaction((repos) => repos.users.update({ ...(users[30] as (typeof users)[number]), name: 'Renamed', version: 2 }, 1));
    // Deletes, one cascading to its posts, concurrently with a bulk statement.
    await Promise.all([
      ...users.slice(40, 50).map((user) => uow.transaction((repos) => repos.users.remove(user.id, 1))),
      sql(`update posts set status = 'published' where status = 'draft' and title like 'Post 1%'`),
    ]);
    // A rolled-back transaction leaves no trace in the counters.
    await expect(
      uow.transaction(async (repos) => {
        await repos.users.add(aUser().build());
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');

    const { counters, truth } = await countersAndTruth();
    expect(counters).toEqual(truth);
    expect(truth.users).toBe(50);
    expect(truth['users|status:suspended']).toBeGreaterThan(20);
    expect(truth.posts).toBe(100);
  });

  it('spreads each key over a few shard rows, so concurrent writers rarely wait on one', async () => {
    const [{ shards }] = (await sql<{ shards: string }>(`select count(*) as shards from row_counts where key = 'users'`)) as [{ shards: string }];
    expect(Number(shards)).toBeGreaterThan(1);
    expect(Number(shards)).toBeLessThanOrEqual(16);
  });
});
