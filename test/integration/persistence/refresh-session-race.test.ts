import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { SYSTEM_ACTOR } from '../../../src/application/shared/actor.ts';
import type { UseCases } from '../../../src/composition/use-cases.ts';
import { buildDatabaseApp } from '../../support/database-app.ts';
import { createTestDatabase } from '../../support/postgres.ts';

/**
 * RFC 9700's rotation and reuse detection through the real use cases on real PostgreSQL: the
 * race is decided by the database (one conditional UPDATE under row locks), not by the process.
 */
let database: Database;
let drop: () => Promise<void>;
let useCases: UseCases;

beforeAll(async () => {
  const testDatabase = await createTestDatabase();
  drop = testDatabase.drop;
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  ({ useCases } = await buildDatabaseApp(database));
  await useCases.users.create.execute({ name: 'Racer', email: 'racer@example.com', password: 'racer-password' }, SYSTEM_ACTOR);
});

afterAll(async () => {
  await database?.close();
  await drop?.();
});

const signIn = () => useCases.auth.login.execute({ email: 'racer@example.com', password: 'racer-password', clientAddress: '127.0.0.1' });
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? 'unexpected',
  );

describe('refresh on PostgreSQL', () => {
  it('rotates, and a used token replayed later revokes the whole session, access tokens included', async () => {
    const first = await signIn();
    const second = await useCases.auth.refresh.execute({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await outcome(useCases.auth.authenticate.execute(second.accessToken))).toBe('ok');

    expect(await outcome(useCases.auth.refresh.execute({ refreshToken: first.refreshToken }))).toBe('UNAUTHORIZED');
    expect(await outcome(useCases.auth.refresh.execute({ refreshToken: second.refreshToken }))).toBe('UNAUTHORIZED');
    expect(await outcome(useCases.auth.authenticate.execute(second.accessToken))).toBe('UNAUTHORIZED');
    // Another login of the same user is another session, untouched.
    const other = await signIn();
    expect(await outcome(useCases.auth.refresh.execute({ refreshToken: other.refreshToken }))).toBe('ok');
  });

  it('lets exactly one of 12 concurrent refreshes of one token win; the losers revoke the session, the winner\'s new token included', async () => {
    const session = await signIn();
    const attempts = Array.from({ length: 12 }, () => useCases.auth.refresh.execute({ refreshToken: session.refreshToken }));
    const settled = await Promise.allSettled(attempts);
    const winners = settled.filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(settled.filter((result) => result.status === 'rejected').map((result) => (result.reason as { code: string }).code)).toEqual(
      Array(11).fill('UNAUTHORIZED'),
    );
    const won = (winners[0] as PromiseFulfilledResult<{ refreshToken: string; accessToken: string }>).value;
    // Reuse was detected, so nothing descended from that login survives, however the race interleaved.
    expect(await outcome(useCases.auth.refresh.execute({ refreshToken: won.refreshToken }))).toBe('UNAUTHORIZED');
    expect(await outcome(useCases.auth.authenticate.execute(won.accessToken))).toBe('UNAUTHORIZED');
    const rows = await database.orm.em.fork().getConnection().execute<{ revoked: string; total: string }[]>(
      `select count(*) filter (where revoked_at is not null) as revoked, count(*) as total from refresh_tokens
       where session_id = (select session_id from refresh_tokens where user_id = (select id from users where email = 'racer@example.com') order by created_at desc limit 1)`,
    );
    expect(Number(rows[0]?.total)).toBe(2);
    expect(rows[0]?.revoked).toBe(rows[0]?.total);
  });

  it('logout revokes the session on the database: its refresh token is refused afterwards', async () => {
    const session = await signIn();
    await useCases.auth.logout.execute({ refreshToken: session.refreshToken });
    expect(await outcome(useCases.auth.refresh.execute({ refreshToken: session.refreshToken }))).toBe('UNAUTHORIZED');
    expect(await outcome(useCases.auth.authenticate.execute(session.accessToken))).toBe('UNAUTHORIZED');
  });
});
