import { randomUUID } from 'node:crypto';
import pg from 'pg';

const BASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, uniquely named database on the test PostgreSQL server, so test files can run in
 * parallel without sharing rows. Throws when the server is unreachable: a missing database
 * must fail the run, never quietly skip the tests that need it.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  await withAdmin(async (client) => {
    await client.query(`create database "${name}"`);
  });
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(async (client) => {
        // `with (force)` ends connections a test forgot to close, so a leak cannot block the drop.
        await client.query(`drop database if exists "${name}" with (force)`);
      }),
  };
}

async function withAdmin(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for tests is unreachable at ${redacted(BASE_URL)} (set TEST_DATABASE_URL)`, { cause: error });
  }
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

function redacted(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}
