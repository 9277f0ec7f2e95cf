import { spawn } from 'node:child_process';
import pg from 'pg';

/** Creates the benchmark's database if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** `npm run db:seed` itself, so the benchmark measures the data everyone else gets. */
function runSeed(url: string, users: number, postsPerUser: number): Promise<void> {
  const child = spawn(process.execPath, ['scripts/seed.ts', '--users', String(users), '--posts-per-user', String(postsPerUser)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`db:seed exited with ${code}`)))),
  );
}

/**
 * Brings the benchmark database to `users` seed users with `postsPerUser` posts each (the seed is
 * idempotent, so a re-run with the same size costs seconds), removes what earlier runs created,
 * adds the admin the benchmark signs in as, and returns `sampleSize` random seeded user ids to request.
 */
export async function prepareData(url: string, users: number, postsPerUser: number, admin: { email: string; passwordHash: string }, sampleSize = 1000): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`delete from users where email like 'bench-%' and email <> $1`, [admin.email]);
    await client.query('drop table if exists bench_outbox'); // the baseline's events (raw-server.ts)
    const { rows } = await client.query<{ seeded: string; others: string }>(
      `select count(*) filter (where email like 'seed-user-%') as seeded, count(*) filter (where email not like 'seed-user-%' and email <> $1) as others from users`,
      [admin.email],
    );
    // A bigger earlier seed cannot be shrunk row by row in reasonable time, and rows of another
    // kind would skew every figure: start again. TRUNCATE fires no row triggers, so the counters
    // go with the tables.
    if (Number(rows[0]?.seeded) > users || Number(rows[0]?.others) > 0) await client.query('truncate users, refresh_tokens, posts, row_counts cascade');
    await runSeed(url, users, postsPerUser);
    await client.query(
      `insert into users (id, name, email, status, role, password_hash, created_at, updated_at, version)
       values (gen_random_uuid(), 'Bench Admin', $1, 'active', 'admin', $2, now(), now(), 1) on conflict do nothing`,
      [admin.email, admin.passwordHash],
    );
    await client.query(`update users set password_hash = $2, role = 'admin', status = 'active' where email = $1`, [admin.email, admin.passwordHash]);
    await client.query('vacuum analyze users, posts');
    // Uniform over every seeded user (a block sample would pick neighbours, which share cache and heap pages).
    const sample = await client.query<{ id: string }>(`select id from users where email like 'seed-user-%' order by random() limit $1`, [sampleSize]);
    return sample.rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
