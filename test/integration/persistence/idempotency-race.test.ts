import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { SYSTEM_ACTOR } from '../../../src/application/shared/actor.ts';
import { buildDatabaseApp } from '../../support/database-app.ts';
import { createTestDatabase } from '../../support/postgres.ts';

/**
 * Idempotency-Key under concurrency, through the real use cases and HTTP adapter on real
 * PostgreSQL: of N concurrent requests with one key, exactly one creates; every other one is
 * answered 409 (the first still runs) or the first's answer, replayed.
 */
let database: Database;
let drop: () => Promise<void>;
let app: Hono;
let adminToken: string;

beforeAll(async () => {
  const testDatabase = await createTestDatabase();
  drop = testDatabase.drop;
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  const built = await buildDatabaseApp(database);
  app = built.app;
  const admin = await built.useCases.users.create.execute({ name: 'Admin', email: 'admin@example.com', role: 'admin' }, SYSTEM_ACTOR);
  adminToken = (await built.tokens.issueAccessToken({ id: admin.id, email: admin.email, role: admin.role, sessionId: crypto.randomUUID() })).token;
});

afterAll(async () => {
  await database?.close();
  await drop?.();
});

const count = async (sql: string) => Number(((await database.orm.em.fork().getConnection().execute<{ n: string }[]>(sql)) as { n: string }[])[0]?.n);

const post = (path: string, json: unknown, key: string) =>
  app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(json),
  });

describe.each([
  ['POST /api/posts', '/api/posts', { title: 'Raced', body: 'Once' }, 'select count(*) as n from posts'],
  ['POST /api/users', '/api/users', { name: 'Raced', email: 'raced@example.com' }, "select count(*) as n from users where email = 'raced@example.com'"],
])('Idempotency-Key on PostgreSQL: %s', (_name, path, json, countSql) => {
  it('of 20 concurrent requests with one key, exactly one creates; the others get 409 or the replay', async () => {
    const before = await count(countSql);
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(path, json, `race-${path}`)));
    expect(await count(countSql)).toBe(before + 1);
    const created = responses.filter((res) => res.status === 201 && res.headers.get('Idempotent-Replayed') === null);
    const replayed = responses.filter((res) => res.status === 201 && res.headers.get('Idempotent-Replayed') === 'true');
    const conflicts = responses.filter((res) => res.status === 409);
    expect(created).toHaveLength(1);
    expect(replayed.length + conflicts.length).toBe(19);
    const first = await (created[0] as Response).text();
    for (const res of replayed) expect(await res.text()).toBe(first);
    for (const res of conflicts) expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    // Once the first has finished, a repeat is a replay.
    const later = await post(path, json, `race-${path}`);
    expect(later.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await later.text()).toBe(first);
    expect(await count(countSql)).toBe(before + 1);
  });
});
