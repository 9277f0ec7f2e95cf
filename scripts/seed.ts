import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DataDirectoryInUseError } from '../src/adapters/persistence/mikro-orm/data-directory.ts';
import { openDatabase, type Database } from '../src/adapters/persistence/mikro-orm/orm.ts';
import { ScryptPasswordHasher } from '../src/adapters/security/scrypt-password-hasher.ts';
import { ranges, runBatches } from './seed/batches.ts';
import { parseSeedOptions, UsageError } from './seed/options.ts';
import { progress, type Progress } from './seed/progress.ts';
import { INSERT_POSTS, INSERT_USERS, insertPostsParams, insertUsersParams } from './seed/statements.ts';

const USAGE = `Fills the database the service would use (DATABASE_URL, or the embedded one under DATA_DIR)
with generated users and posts, for benchmarks and for trying the API on realistic sizes.

  npm run db:seed -- [--users 1000] [--posts-per-user 3] [--batch 50000] [--jobs N] [--password seed-password]

Users are seed-user-1@example.com ... seed-user-N@example.com, all with the one --password, so a
benchmark can sign in as any of them. Re-running is safe: rows already there are skipped, and a
larger --users or --posts-per-user adds only what is missing. --batch is rows per statement;
--jobs, statements in flight at once (PostgreSQL only; default: one per core, at most 4).
The embedded database serves one process at a time: stop the service first (or use DATABASE_URL).`;

type Counts = { inserted: number; skipped: number; seconds: number };

/** What a phase needs: where to write, how, and when to stop early. */
type Run = { database: Database; jobs: number; batch: number; anchor: Date; progress: Progress; stopped: () => boolean };

async function main(): Promise<void> {
  const options = parseSeedOptions(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const report = progress();
  // Hashed once, before the database is opened, and shared by every seed user: scrypt at OWASP
  // cost takes a fraction of a second, so a hash per user would make a million users take days.
  const passwordHash = await new ScryptPasswordHasher().hash(options.password);

  let interrupted = false;
  // Ctrl-C finishes the statements in flight and closes the database cleanly (PGlite's files
  // must not be cut mid-write, and its lock file should go); a second Ctrl-C gets the default
  // behaviour and ends at once. Listened for before opening, which takes seconds on PGlite.
  process.once('SIGINT', () => (interrupted = true));
  // The same database, and the same migrations, as the service: a seed against a schema the
  // service does not have would measure nothing. On the embedded default this takes PGlite's
  // directory lock, so it refuses (DataDirectoryInUseError) while the service is running.
  const config = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './.data' };
  report.note(opening(config));
  const database = await openDatabase(config);
  try {
    report.note('applying migrations');
    await database.migrate();
    const started = performance.now();
    const run: Run = {
      database,
      // PGlite is one single-threaded connection: parallel statements would only queue.
      jobs: database.kind === 'pglite' ? 1 : (options.jobs ?? Math.min(4, availableParallelism())),
      batch: options.batch,
      // One "now" for the whole run, so every generated date lies before it, posts included.
      anchor: new Date(),
      progress: report,
      stopped: () => interrupted,
    };
    // Users first, then posts: the posts' join then finds every author, and each phase gets
    // its own timing. A run cut short between the two is completed by running it again.
    const users = await seedUsers(run, options.users, passwordHash);
    const posts = await seedPosts(run, options.users, options.postsPerUser);
    const vacuumStarted = performance.now();
    const vacuum = !interrupted && users.inserted + posts.inserted > 0;
    if (vacuum) {
      // ANALYZE, or the planner's statistics describe the tables as they were before the load
      // (possibly empty) until autovacuum gets round to them, and the first benchmark queries
      // are planned for the wrong sizes. VACUUM too, for what a benchmark measures next: it
      // sets the visibility map (without it, login's index-only lookup on the email index,
      // which INCLUDEs the columns for that purpose, visits the heap for every row), sets the
      // new rows' hint bits once, here, rather than in the first reads of a benchmark (which
      // would then write the whole table back), and merges the GIN indexes' pending lists.
      // Not in a transaction (VACUUM refuses one): each statement on its own.
      report.note('vacuum analyze (planner statistics for the new rows)');
      const connection = database.orm.em.fork().getConnection();
      await connection.execute('vacuum (analyze) "users"', [], 'run');
      await connection.execute('vacuum (analyze) "posts"', [], 'run');
    }
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${interrupted ? 'interrupted' : 'seeded'} ${database.kind}: ` +
        `users ${users.inserted} inserted, ${users.skipped} skipped (${users.seconds.toFixed(1)} s); ` +
        `posts ${posts.inserted} inserted, ${posts.skipped} skipped (${posts.seconds.toFixed(1)} s); ` +
        `vacuum analyze ${vacuum ? `${vacuumSeconds.toFixed(1)} s` : 'skipped'}; ` +
        `${seconds.toFixed(1)} s in all, ${Math.round((users.inserted + posts.inserted) / seconds)} rows/s inserted`,
    );
    if (interrupted) process.exitCode = 130;
  } finally {
    await database.close();
  }
}

/**
 * One statement per batch, each committed on its own (autocommit): a failure or a Ctrl-C loses
 * at most the batches in flight, and the rows before them stay for a re-run to skip. One
 * transaction for the whole load would hold all its WAL and locks to the end and lose everything
 * on an error; a statement per row would pay a round trip each. 50,000 rows keeps a statement
 * to a few seconds, so the bar moves and the ETA settles quickly.
 */
async function seedUsers(run: Run, count: number, passwordHash: string): Promise<Counts> {
  const started = performance.now();
  const connection = run.database.orm.em.fork().getConnection();
  let inserted = 0;
  let done = 0;
  const bar = run.progress.phase('users', count);
  try {
    await runBatches(ranges(count, run.batch), run.jobs, async ({ from, to }) => {
      const result = await connection.execute<{ affectedRows: number }>(INSERT_USERS, insertUsersParams(from, to, passwordHash, run.anchor), 'run');
      inserted += result.affectedRows;
      done += to - from + 1;
      bar.advance(to - from + 1);
    }, run.stopped);
  } finally {
    bar.stop();
  }
  return { inserted, skipped: done - inserted, seconds: (performance.now() - started) / 1000 };
}

/** Batches hold about `--batch` posts, whatever --posts-per-user is, so statements stay the same size. */
async function seedPosts(run: Run, users: number, perUser: number): Promise<Counts> {
  const started = performance.now();
  if (users * perUser === 0 || run.stopped()) return { inserted: 0, skipped: 0, seconds: 0 };
  const connection = run.database.orm.em.fork().getConnection();
  let inserted = 0;
  let done = 0;
  const bar = run.progress.phase('posts', users * perUser);
  try {
    await runBatches(ranges(users, Math.max(1, Math.floor(run.batch / perUser))), run.jobs, async ({ from, to }) => {
      const result = await connection.execute<{ affectedRows: number }>(INSERT_POSTS, insertPostsParams(from, to, perUser, run.anchor), 'run');
      inserted += result.affectedRows;
      done += (to - from + 1) * perUser;
      bar.advance((to - from + 1) * perUser);
    }, run.stopped);
  } finally {
    bar.stop();
  }
  return { inserted, skipped: done - inserted, seconds: (performance.now() - started) / 1000 };
}

/** What the first line says while the database opens: PGlite's first start alone takes many seconds. */
function opening(config: { databaseUrl?: string; dataDir: string }): string {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    return `connecting to PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  }
  if (config.dataDir === 'memory') return 'starting an in-memory embedded database';
  return existsSync(join(config.dataDir, 'PG_VERSION'))
    ? `opening the embedded database in ${config.dataDir}`
    : `creating the embedded database in ${config.dataDir} (first run: this takes a while)`;
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message} (see --help)\n`);
  } else if (error instanceof DataDirectoryInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
