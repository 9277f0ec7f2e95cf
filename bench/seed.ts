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

/**
 * Replaces the users with `count` generated ones in one set-based INSERT (the server generates
 * the rows, so a million takes seconds), adds the admin the benchmark signs in as, then ANALYZEs
 * so the planner sees the real sizes.
 * Returns a sample of ids to request.
 */
export async function seedUsers(url: string, count: number, admin: { email: string; passwordHash: string }): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Every table the service writes, row_counts too: TRUNCATE fires no row triggers.
    await client.query('truncate users, refresh_tokens, posts, row_counts');
    await client.query(
      `insert into users (id, name, email, status, role, password_hash, created_at, updated_at, version)
       select gen_random_uuid(), 'User ' || i, 'user' || i || '@example.com',
              (array['active','active','active','inactive','suspended'])[1 + i % 5],
              case when i % 50 = 0 then 'admin' else 'member' end,
              null, ts, ts, 1
       from generate_series(1, $1::int) as i,
            lateral (select timestamptz '2024-01-01' + make_interval(secs => i) as ts) t`,
      [count],
    );
    await client.query(
      `insert into users (id, name, email, status, role, password_hash, created_at, updated_at, version)
       values (gen_random_uuid(), 'Bench Admin', $1, 'active', 'admin', $2, now(), now(), 1)`,
      [admin.email, admin.passwordHash],
    );
    await client.query('analyze users');
    const { rows } = await client.query<{ id: string }>('select id from users order by random() limit 1000');
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
