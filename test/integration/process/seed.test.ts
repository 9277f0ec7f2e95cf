import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseConfig } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { ScryptPasswordHasher } from '../../../src/adapters/security/scrypt-password-hasher.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { runScript, type ScriptRun } from '../../support/run-script.ts';

const SEED = fileURLToPath(new URL('../../../scripts/seed.ts', import.meta.url));
const SUMMARY = /^seeded (pglite|postgresql): users (\d+) inserted, (\d+) skipped \([\d.]+ s\); posts (\d+) inserted, (\d+) skipped \([\d.]+ s\); vacuum analyze ([\d.]+ s|skipped); [\d.]+ s in all, \d+ rows\/s inserted$/;

type Run = ScriptRun;

/** `npm run db:seed -- ...args` on this test's own node (24), against `env`'s database. */
const seed = (args: string[], env: Record<string, string>) => runScript(SEED, args, env);

/** The summary line's numbers: users inserted, skipped; posts inserted, skipped. */
function summary(run: Run): { kind: string; users: [number, number]; posts: [number, number] } {
  const match = SUMMARY.exec(run.stdout.trim());
  if (!match) throw new Error(`no summary line in ${JSON.stringify(run.stdout)} (stderr: ${run.stderr})`);
  const [, kind, ui, us, pi, ps] = match;
  return { kind: kind as string, users: [Number(ui), Number(us)], posts: [Number(pi), Number(ps)] };
}

async function withDatabase<T>(config: DatabaseConfig, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function query<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.orm.em.fork().getConnection().execute<T[]>(sql, params);
}

async function counts(db: Database): Promise<{ users: number; posts: number }> {
  const [row] = await query<{ users: string; posts: string }>(db, 'select (select count(*) from "users") as users, (select count(*) from "posts") as posts');
  return { users: Number(row?.users), posts: Number(row?.posts) };
}

describe('npm run db:seed on the embedded database', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'users-seed-'));
    env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds users and posts, re-runs without adding any, and each user can sign in with the seed password', { timeout: 90_000 }, async () => {
    const args = ['--users', '200', '--posts-per-user', '3', '--batch', '64'];
    const first = await seed(args, env);
    expect(first.code, first.stderr).toBe(0);
    expect(summary(first)).toEqual({ kind: 'pglite', users: [200, 0], posts: [600, 0] });
    // Not a terminal: plain lines on stderr, what it does first (before PGlite's slow first
    // start), then each phase's progress on its own count, each ending at 100%.
    const lines = first.stderr.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual([`creating the embedded database in ${dataDir} (first run: this takes a while)`, 'applying migrations']);
    expect(lines.filter((line) => line.includes('100%'))).toEqual([
      expect.stringMatching(/^seeding users: 100% \(200\/200 rows\), \d+ rows\/s, ETA 0s$/),
      expect.stringMatching(/^seeding posts: 100% \(600\/600 rows\), \d+ rows\/s, ETA 0s$/),
    ]);
    expect(lines.at(-1)).toBe('vacuum analyze (planner statistics for the new rows)');

    const again = await seed(args, env);
    expect(again.code, again.stderr).toBe(0);
    expect(summary(again)).toEqual({ kind: 'pglite', users: [0, 200], posts: [0, 600] });
    expect(again.stderr.split('\n')[0]).toBe(`opening the embedded database in ${dataDir}`);

    await withDatabase({ dataDir }, async (db) => {
      expect(await counts(db)).toEqual({ users: 200, posts: 600 });
      const [user] = await query<{ password_hash: string }>(db, 'select password_hash from "users" where email = ?', ['seed-user-137@example.com']);
      const hasher = new ScryptPasswordHasher();
      expect(await hasher.verify('seed-password', user?.password_hash ?? '')).toBe(true);
      expect(await hasher.verify('not-the-seed-password', user?.password_hash ?? '')).toBe(false);

      // While another process holds the embedded database, the seed refuses with the reason.
      const busy = await seed(args, env);
      expect(busy.code).toBe(1);
      expect(busy.stderr.trim().split('\n').at(-1)).toMatch(/^The embedded database in .* is in use by process \d+ \(PGlite serves one process at a time\)/);
    });
  });

  it('refuses a bad flag with one line and exit 1, before touching any database', async () => {
    const cases: [string[], string][] = [
      [['--users', '-5'], '--users must be a whole number from 0 to 10,000,000, not "-5" (see --help)'],
      [['--users', 'abc'], '--users must be a whole number from 0 to 10,000,000, not "abc" (see --help)'],
      [['--posts-per-user', '2.5'], '--posts-per-user must be a whole number from 0 to 100, not "2.5" (see --help)'],
      [['--batch', '0'], '--batch must be a whole number from 1 to 1,000,000, not "0" (see --help)'],
      [['--password', 'short'], '--password: Password must be at least 8 characters (see --help)'],
      [['--user', '5'], "Unknown option '--user' (see --help)"],
    ];
    // A data directory that must never be created: the flags are checked before anything opens.
    const never = join(tmpdir(), `users-seed-never-${process.pid}`);
    const runs = await Promise.all(cases.map(([args]) => seed(args, { DATA_DIR: never, DATABASE_URL: '' })));
    expect(runs.map((run) => [run.code, run.stdout, run.stderr])).toEqual(cases.map(([, message]) => [1, '', `${message}\n`]));
    await expect(rm(never)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('npm run db:seed on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('seeds thousands of rows with a realistic spread, re-runs idempotently, and steps round an account holding a seed email', { timeout: 90_000 }, async () => {
    const config = { databaseUrl: database.url, dataDir: 'memory' };
    // An account made by hand holds a seed email: that seed user must be skipped, and so must its
    // posts (their author would not exist), rather than the whole batch failing.
    await withDatabase(config, async (db) => {
      await db.migrate();
      await query(
        db,
        `insert into "users" ("id", "name", "email", "status", "role", "password_hash", "created_at", "updated_at", "version")
         values (?, 'Taken', 'seed-user-7@example.com', 'active', 'member', null, now(), now(), 1)`,
        ['00000000-0000-4000-8000-000000000007'],
      );
    });
    const env = { DATABASE_URL: database.url };
    const args = ['--users', '5000', '--posts-per-user', '3', '--batch', '4000'];

    const first = await seed(args, env);
    expect(first.code, first.stderr).toBe(0);
    expect(summary(first)).toEqual({ kind: 'postgresql', users: [4999, 1], posts: [14_997, 3] });
    const again = await seed(args, env);
    expect(again.code, again.stderr).toBe(0);
    expect(summary(again)).toEqual({ kind: 'postgresql', users: [0, 5000], posts: [0, 15_000] });

    // A larger run adds only what is missing.
    const more = await seed(['--users', '5100', '--posts-per-user', '4'], env);
    expect(more.code, more.stderr).toBe(0);
    expect(summary(more).users).toEqual([100, 5000]);
    // 5,099 seed users (not the taken one) now have 4 posts each; 14,997 of those were there.
    expect(summary(more).posts).toEqual([5099 * 4 - 14_997, 14_997 + 4]);

    await withDatabase(config, async (db) => {
      expect(await counts(db)).toEqual({ users: 5100, posts: 5099 * 4 });
      const spread = await query<Record<string, string>>(
        db,
        `select
           avg((status = 'active')::int) as active, avg((status = 'inactive')::int) as inactive,
           avg((status = 'suspended')::int) as suspended, avg((role = 'admin')::int) as admins,
           count(distinct name) as names, min(created_at) < now() - interval '2 years' as old, max(created_at) <= now() as past
         from "users" where email like 'seed-user-%'`,
      );
      expect(spread[0]).toMatchObject({ old: true, past: true });
      const { active, inactive, suspended, admins, names } = spread[0] ?? {};
      expect(Number(active)).toBeCloseTo(0.6, 1);
      expect(Number(inactive)).toBeCloseTo(0.25, 1);
      expect(Number(suspended)).toBeCloseTo(0.15, 1);
      expect(Number(admins)).toBeGreaterThan(0.01);
      expect(Number(admins)).toBeLessThan(0.03);
      expect(Number(names)).toBeGreaterThan(1000);
      const [posts] = await query<Record<string, string | boolean>>(
        db,
        `select avg((p.status = 'published')::int) as published, min(length(p.body)) as shortest, bool_and(p.created_at >= u.created_at) as after_sign_up
         from "posts" p join "users" u on u.id = p.author_id`,
      );
      expect(Number(posts?.published)).toBeCloseTo(0.7, 1);
      expect(Number(posts?.shortest)).toBeGreaterThan(80);
      expect(posts?.after_sign_up).toBe(true);
      // The hand-made account kept its own row and got no posts.
      expect(await query(db, `select name from "users" where email = 'seed-user-7@example.com'`)).toEqual([{ name: 'Taken' }]);
    });
  });
});
