import { afterAll, beforeAll, expect, it } from 'vitest';
import { RequestScopedPool } from '../../../src/adapters/persistence/mikro-orm/request-scoped-pool.ts';
import { createTestDatabase } from '../../support/postgres.ts';

/** The edge's connections, on Node (AsyncLocalStorage behaves alike): one request's own, ended with it. */
let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: RequestScopedPool;
beforeAll(async () => {
  testDatabase = await createTestDatabase();
  pool = new RequestScopedPool(testDatabase.url);
});
afterAll(() => testDatabase?.drop());

const backend = async () => {
  const client = await pool.connect();
  try {
    return (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  } finally {
    client.release();
  }
};
const alive = async (pids: number[]) => {
  const { result, ended } = pool.run(async () => {
    const client = await pool.connect();
    try {
      return (await client.query<{ pid: number }>('select pid from pg_stat_activity where pid = any($1::int[])', [pids])).rows.map((row) => row.pid);
    } finally {
      client.release();
    }
  });
  await ended;
  return result;
};

it('reuses a released connection within the request, opens another for a query in parallel, and ends them all after', async () => {
  const { result, ended } = pool.run(async () => {
    const first = await backend();
    const again = await backend();
    const together = await Promise.all([backend(), backend()]);
    return { first, again, together };
  });
  const { first, again, together } = await result;
  expect(again).toBe(first);
  expect(new Set(together).size).toBe(2);
  await ended;
  const pids = [...new Set([first, ...together])];
  expect(pids).toHaveLength(2);
  await expect.poll(() => alive(pids), { timeout: 5_000 }).toEqual([]);
});

it('two requests never share a connection', async () => {
  const [a, b] = await Promise.all([pool.run(backend).result, pool.run(backend).result]);
  expect(a).not.toBe(b);
});

it('refuses a query outside any request', async () => {
  await expect(pool.connect()).rejects.toThrow('outside any request scope');
});
